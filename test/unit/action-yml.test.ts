// action.yml against the code and the docs: what the runner shows users (input and output
// descriptions, the README tables) must match what the action really reads and sets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/repo-root.js';

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

interface ActionYml {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: Record<string, string>;
}
const action = parse(read('action.yml')) as ActionYml;
const inputNames = Object.keys(action.inputs).sort();
const outputNames = Object.keys(action.outputs).sort();

function sources(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(`${dir}/${entry.name}`)
      : entry.name.endsWith('.ts')
        ? [`${dir}/${entry.name}`]
        : [],
  );
}
const code = sources('src').map((file) => ({ file, text: read(file) }));

/** String literals passed as the first argument of `fn(` anywhere in src/. */
function literalCalls(fn: RegExp): string[] {
  const call = new RegExp(`\\b(?:${fn.source})\\(\\s*'([^']+)'`, 'g');
  return [...new Set(code.flatMap(({ text }) => [...text.matchAll(call)].map((m) => m[1]!)))];
}

describe('action.yml', () => {
  test('describes every input and output', () => {
    const undocumented = [
      ...inputNames.filter((n) => !action.inputs[n]!.description?.trim()),
      ...outputNames.filter((n) => !action.outputs[n]!.description?.trim()),
    ];
    expect(undocumented).toEqual([]);
  });

  test('declares every input the code reads by name', () => {
    const readByName = literalCalls(/getInput|getBooleanInput|getMultilineInput|readBoolean/);
    expect(readByName.filter((name) => !inputNames.includes(name))).toEqual([]);
  });

  test('declares every output the code sets', () => {
    const set = literalCalls(/setOutput/);
    expect(set.filter((name) => !outputNames.includes(name))).toEqual([]);
    expect(outputNames.filter((name) => !set.includes(name))).toEqual([]);
  });

  test('declares no input the code never mentions', () => {
    const action = code.filter(({ file }) => file.startsWith('src/action/'));
    const unused = inputNames.filter(
      (name) => !action.some(({ text }) => text.includes(`'${name}'`)),
    );
    expect(unused).toEqual([]);
  });

  test('runs the bundles npm run package builds, the post step whatever the job did', () => {
    expect(action.runs).toMatchObject({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
    });
    // Unset, post-if is always(): the post step also runs after a failure or a cancellation.
    expect(action.runs['post-if'] ?? 'always()').toBe('always()');
    expect(read('scripts/package.ts')).toContain("['src/post/index.ts', 'dist/post/index.js']");
  });
});

/** Rows of the markdown table that follows `heading`: first cell (unquoted) -> cells. */
function tableAfter(markdown: string, heading: string): Map<string, string[]> {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return new Map();
  const rows = markdown
    .slice(start + heading.length + 2)
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line, i, all) =>
        line.startsWith('|') && all.slice(0, i).every((l) => l === '' || l.startsWith('|')),
    );
  return new Map(
    rows.slice(2).map((row) => {
      const cells = row
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
      return [cells[0]!, cells.slice(1)];
    }),
  );
}

describe('the inputs and outputs tables in README.md', () => {
  const markdown = read('README.md');
  const inputs = tableAfter(markdown, '## Inputs');
  const outputs = tableAfter(markdown, '## Outputs');

  test('list exactly the inputs of action.yml', () => {
    expect([...inputs.keys()].sort()).toEqual(inputNames);
  });

  test('give each input the required flag and default of action.yml', () => {
    for (const [name, [required, defaultValue]] of inputs) {
      const spec = action.inputs[name];
      if (!spec) continue; // reported by the test above
      expect({ name, required: required === 'yes' }).toEqual({ name, required: !!spec.required });
      const expected = spec.default === '' ? "''" : (spec.default ?? '');
      expect({ name, default: defaultValue }).toEqual({ name, default: expected });
    }
  });

  test('list exactly the outputs of action.yml', () => {
    expect([...outputs.keys()].sort()).toEqual(outputNames);
  });

  test('say what each one-value output holds with several environments, as action.yml does', () => {
    const many = ['state', 'planned-state', 'changed', 'since', 'planned-end', 'overrun'];
    for (const name of [...many, 'allowlist', 'probe-seconds', 'probe-result']) {
      expect({
        name,
        readme: /[Ss]everal environments/.test(outputs.get(name)?.[0] ?? ''),
      }).toEqual({
        name,
        readme: true,
      });
      const yml = action.outputs[name]?.description ?? '';
      expect({ name, yml: /several environments/.test(yml) }).toEqual({ name, yml: true });
    }
    // A state output can say `unknown` (nothing read) and `mixed` (environments differ).
    for (const text of [outputs.get('state')?.[0] ?? '', action.outputs['state']!.description!]) {
      expect(text).toContain('unknown');
      expect(text).toContain('mixed');
    }
    expect(outputs.get('results')?.[0]).toContain('plannedState');
  });
});
