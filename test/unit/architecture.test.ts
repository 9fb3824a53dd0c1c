// docs/architecture.md stays true to the code: its diagram of src/ has exactly the imports between
// folders that the code has, and every file it names exists. When this fails after a change that
// adds (or removes) an import between two folders of src/, add (or remove) that arrow in the
// doc's `src/ folders` diagram, and say why in its last section if it does not point down.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { REPO_ROOT } from '../support/repo-root.js';

const DOC = 'docs/architecture.md';
const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `from` -> `to` for every import (static, re-export or dynamic) between two folders of src/. */
function importsBetweenFolders(): string[] {
  const edges = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file).split(sep)[0]!;
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = relative(SRC, normalize(join(dirname(file), specifier!)));
      const to = target.split(sep)[0]!;
      if (!target.startsWith('..') && to !== from && !to.endsWith('.ts') && !to.endsWith('.js'))
        edges.add(`${from} --> ${to}`);
    }
  }
  return [...edges].sort();
}

const doc = readFileSync(join(REPO_ROOT, DOC), 'utf8');

test('the diagram of src/ has the imports between folders that the code has', () => {
  const block = /```mermaid\n(flowchart[^\n]*\n%% src\/ folders[\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const folders = new Map(
    [...block.matchAll(/^\s*(\w+)\["src\/([\w-]+)\/?[^"]*"\]/gm)].map((m) => [m[1]!, m[2]!]),
  );
  const drawn = [...block.matchAll(/^\s*(\w+)\s*-->\s*(\w+)\s*$/gm)]
    .map(([, a, b]) => `${folders.get(a!) ?? a} --> ${folders.get(b!) ?? b}`)
    .sort();
  expect(drawn).toEqual(importsBetweenFolders());
});

test('every source file the document names exists', () => {
  const named = [
    ...doc.matchAll(
      /`((?:src|sandbox|terraform|scripts|test|schema)\/[\w./-]+\.(?:ts|json|cjs|md))`/g,
    ),
  ].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(10);
  expect(named.filter((file) => !existsSync(join(REPO_ROOT, file)))).toEqual([]);
});
