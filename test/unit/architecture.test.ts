// docs/architecture.md stays true to the code, and src/'s imports point down. Imports are read by
// the TypeScript parser (test/support/imports.ts), so side-effect, dynamic and multi-line imports
// count. When a check fails after a change:
// - an arrow: add (or remove) it in the doc's diagram (`src/ folders` or `packages`);
// - the layer order: make the import point down (move the shared thing to the lower layer);
//   only if that is wrong, add an exception to EXCEPTIONS below AND to the doc's table, with why;
// - a file name: fix the doc (files are named from src/'s folders or from the repository root).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { importsOf, sourceFiles, type ImportOf } from '../support/imports.js';
import { REPO_ROOT } from '../support/repo-root.js';

const DOC = 'docs/architecture.md';
const doc = readFileSync(join(REPO_ROOT, DOC), 'utf8');

/** src/'s folders, bottom up; an import must go to a lower layer (same layer: sideways). */
const LAYERS: readonly (readonly string[])[] = [
  ['domain'],
  ['aws'],
  ['engine'],
  ['probe', 'report'],
  ['front-door'],
  ['action', 'cli', 'post'],
];

/** Imports allowed to point sideways or up: each is in the doc's table too, with the same why. */
const EXCEPTIONS: readonly {
  from: string;
  to: string;
  typesOnly: boolean;
  why: string;
}[] = [
  {
    from: 'src/report/',
    to: 'src/front-door/',
    typesOnly: true,
    why: 'the results report renders (validate, reconcile, calendar, period report, many environments) are typed where they are made; types only, so nothing imports back at run time',
  },
  {
    from: 'src/action/',
    to: 'src/post/held-token.ts',
    typesOnly: false,
    why: "the main step saves the bypass tokens it holds in the post step's encoding, which one file owns",
  },
];

const SRC_FOLDERS = readdirSync(join(REPO_ROOT, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every import in the repository whose specifier is relative or names a workspace package. */
const everyImport: readonly ImportOf[] = sourceFiles(REPO_ROOT).flatMap((file) =>
  importsOf(REPO_ROOT, file),
);

/** Where a relative import lands, repository-relative; undefined for a bare specifier. */
function target({ file, specifier }: ImportOf): string | undefined {
  return specifier.startsWith('.')
    ? posix.normalize(posix.join(posix.dirname(file), specifier))
    : undefined;
}

/** `src/<folder>/...` -> folder; undefined outside src/'s folders. */
function srcFolder(path: string): string | undefined {
  const [top, folder, rest] = path.split('/', 3);
  return top === 'src' && rest !== undefined ? folder : undefined;
}

const srcImports = everyImport.flatMap((found) => {
  const from = srcFolder(found.file);
  const to = target(found) && srcFolder(target(found)!);
  return from && to && from !== to ? [{ ...found, from, to, path: target(found)! }] : [];
});

function mermaidBlock(marker: RegExp): string {
  const block = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((text) => marker.test(text));
  if (!block) throw new Error(`${DOC}: no mermaid block matching ${marker}`);
  return block;
}

/** The doc's section under `heading` (to the next `## `). */
function section(heading: RegExp): string {
  const start = doc.search(heading);
  if (start < 0) throw new Error(`${DOC}: no section ${heading}`);
  const next = doc.slice(start + 1).search(/^## /m);
  return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next);
}

const BEFORE_HEADING = /^## The path before the house \(at `([^`]+)`\)/m;
const before = section(BEFORE_HEADING);
const present = doc.replace(before, '');

describe('the diagram of src/', () => {
  test('has exactly the imports between folders that the code has', () => {
    const block = mermaidBlock(/^%% src\/ folders/m);
    const folders = new Map(
      [...block.matchAll(/^\s*(\w+)\["src\/([\w-]+)\/?[^"]*"\]/gm)].map((m) => [m[1]!, m[2]!]),
    );
    const drawn = [...block.matchAll(/^\s*(\w+)\s*-->\s*(\w+)\s*$/gm)]
      .map(([, a, b]) => `${folders.get(a!) ?? a} --> ${folders.get(b!) ?? b}`)
      .sort();
    const real = [...new Set(srcImports.map(({ from, to }) => `${from} --> ${to}`))].sort();
    expect(drawn).toEqual(real);
  });
});

describe('imports point down', () => {
  const layer = (folder: string): number => LAYERS.findIndex((l) => l.includes(folder));

  test("every folder of src/ has a layer, and the doc's order is the test's", () => {
    expect(SRC_FOLDERS.filter((folder) => layer(folder) < 0)).toEqual([]);
    const stated = /^Layers, bottom up: (.+)$/m.exec(present)?.[1];
    const order = LAYERS.map((l) => l.map((folder) => `\`${folder}\``).join(', ')).join(' < ');
    expect(stated).toBe(`${order}.`);
  });

  test('no import points sideways or up, except the exceptions (and those as they are allowed)', () => {
    const wrong = srcImports
      .filter(({ from, to }) => layer(to) >= layer(from))
      .filter(
        (found) =>
          !EXCEPTIONS.some(
            (e) =>
              found.file.startsWith(e.from) &&
              found.path.replace(/\.js$/, '.ts').startsWith(e.to) &&
              (found.typesOnly || !e.typesOnly),
          ),
      )
      .map(
        (f) =>
          `${f.file}:${f.line} imports ${f.specifier} (${f.from} -> ${f.to}${f.typesOnly ? ', types only' : ''})`,
      );
    expect(wrong).toEqual([]);
  });

  test('every exception is still needed, and the doc lists the same ones', () => {
    const used = EXCEPTIONS.filter((e) =>
      srcImports.some(
        (f) => f.file.startsWith(e.from) && f.path.replace(/\.js$/, '.ts').startsWith(e.to),
      ),
    );
    expect(used).toEqual(EXCEPTIONS);
    const table = section(/^## Imports that point sideways or up/m);
    const rows = [...table.matchAll(/^\| `([^`]+)` \| `([^`]+)` \| ([^|]+) \| ([^|]+) \|$/gm)].map(
      ([, from, to, kind, why]) => ({
        from: from!,
        to: to!,
        typesOnly: kind!.trim() === 'types only',
        why: why!.trim(),
      }),
    );
    expect(rows).toEqual(EXCEPTIONS);
  });
});

describe('the packages diagram', () => {
  const PACKAGE_OF_DIR: Record<string, string> = {
    contract: 'contract',
    terraform: 'terraform',
    sandbox: 'sandbox',
    scripts: 'scripts',
    test: 'tests',
  };
  /** The diagram's node for a repository path: its top folder's, else the root package. */
  const packageOf = (path: string): string => PACKAGE_OF_DIR[path.split('/')[0]!] ?? 'root';
  const workspaceDirs = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }
  ).workspaces;
  const dirOfPackage = new Map(
    workspaceDirs.map((dir) => [
      (JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string })
        .name,
      dir,
    ]),
  );
  /** The package an import lands in: a relative path, or a workspace package's name. */
  const landsIn = (found: ImportOf): string | undefined => {
    const path = target(found);
    if (path !== undefined) return packageOf(path);
    const name = /^(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(found.specifier)?.[1];
    const dir = name === undefined ? undefined : dirOfPackage.get(name);
    return dir === undefined ? undefined : packageOf(dir);
  };

  test('has an arrow for each package that imports another, and no other', () => {
    const block = mermaidBlock(/^%% packages/m);
    const drawn = [...block.matchAll(/^\s*(\w+)\s*-->\s*(\w+)\s*$/gm)].map(
      ([, a, b]) => `${a} --> ${b}`,
    );
    const real = new Set<string>();
    for (const found of everyImport) {
      const from = packageOf(found.file);
      const to = landsIn(found);
      if (to !== undefined && to !== from) real.add(`${from} --> ${to}`);
    }
    expect(drawn.sort()).toEqual([...real].sort());
    // The labelled arrows are builds, into what users run.
    const shipped = /subgraph shipped[\s\S]*?\n\s*end\n/.exec(block)?.[0] ?? '';
    const builds = [...block.matchAll(/^\s*(\w+)\s*--\s*"[^"]*"\s*-->\s*(\w+)\s*$/gm)];
    expect(builds.length).toBeGreaterThan(0);
    expect(builds.filter(([, , to]) => !new RegExp(`^\\s*${to}\\[`, 'm').test(shipped))).toEqual(
      [],
    );
  });
});

/** Named by the doc and kept outside this repository (with the maintainers' shared notes). */
const OUTSIDE = ['DESIGN.md'];

/** A file as the doc names it: from src/'s folders (`engine/x.ts`) or the repository's root. */
function resolveNamed(name: string): string {
  const top = name.split('/')[0]!;
  return SRC_FOLDERS.includes(top) ? `src/${name}` : name;
}

const FILE =
  /(?<![\w./-])((?:[\w-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|js|json|cjs|md|yml|hcl))(?![\w/])/g;

function namedFiles(text: string): string[] {
  const backticked = [...text.matchAll(/`([^`\s]+)`/g)].flatMap(([, inner]) =>
    [...inner!.matchAll(FILE)].map((m) => m[1]!),
  );
  const diagrams = [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    [...block!.matchAll(FILE)].map((m) => m[1]!),
  );
  return [...new Set([...backticked, ...diagrams])];
}

describe('the files the doc names', () => {
  test('exist: in the diagrams, the file-by-file table and the text', () => {
    const named = namedFiles(present);
    expect(named.length).toBeGreaterThan(40);
    expect(
      named.filter(
        (name) => !OUTSIDE.includes(name) && !existsSync(join(REPO_ROOT, resolveNamed(name))),
      ),
    ).toEqual([]);
  });

  test('are on the lifeline of their folder in the sequence diagrams', () => {
    const diagrams = [...present.matchAll(/```mermaid\n(sequenceDiagram[\s\S]*?)```/g)].map(
      (m) => m[1]!,
    );
    expect(diagrams.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const diagram of diagrams) {
      const folderOf = new Map(
        [...diagram.matchAll(/^\s*participant (\w+) as ([\w-]+)\//gm)]
          .filter(([, , folder]) => SRC_FOLDERS.includes(folder!))
          .map(([, alias, folder]) => [alias!, folder!]),
      );
      const lifelines = new Set(folderOf.values());
      for (const line of diagram.split('\n')) {
        for (const bare of line.matchAll(/(?<![\w./-])[\w-]+\.ts\b/g)) {
          wrong.push(`name its folder: ${bare[0]} in "${line.trim()}"`);
        }
        // A call names what its callee runs; a reply (-->>) what its sender returns.
        const message = /^\s*(\w+)\s*(--?)>>[+-]?\s*(\w+)\s*:(.*)$/.exec(line);
        if (!message) continue;
        const [, from, dashes, to, text] = message;
        const runner = dashes === '--' ? from! : to!;
        for (const [name] of text!.matchAll(FILE)) {
          const folder = name.split('/')[0]!;
          if (lifelines.has(folder) && folderOf.get(runner) !== folder) {
            wrong.push(`${name} is drawn on ${runner}'s lifeline: "${line.trim()}"`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('in "the path before" existed at its commit (when the clone has history)', () => {
    const commit = BEFORE_HEADING.exec(doc)![1]!;
    const named = namedFiles(before).map(resolveNamed);
    expect(named.length).toBeGreaterThan(5);
    const git = (args: string[], input?: string): string =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', input });
    // A shallow checkout (CI's) has no history to read it in; a full one must have the commit.
    const shallow = git(['rev-parse', '--is-shallow-repository']).trim() === 'true';
    const known = / commit \d+$/.test(
      git(['cat-file', '--batch-check'], `${commit}^{commit}\n`).trim(),
    );
    const answers = known
      ? git(['cat-file', '--batch-check'], named.map((path) => `${commit}:${path}\n`).join(''))
      : '';
    const missing = named.filter((_, i) => answers.split('\n')[i]?.endsWith('missing'));
    expect({ readable: known || shallow, missing }).toEqual({ readable: true, missing: [] });
  });
});
