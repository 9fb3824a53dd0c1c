// Lines are counted only when a problem needs one (src/domain/config-source.ts): the count after
// the fact must be the one yaml's parser records, or every line in every message would drift.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { countLines } from '../../src/domain/config-source.js';
import { REPO_ROOT } from '../support/repo-root.js';

const CRAFTED = [
  '',
  'a: 1',
  'a: 1\n',
  'a: |\n  x\n  y\nb: "q\n  r"\nc: 1\r\nd: 2\re: 3\n',
  "k: [1,\n  2,\n  3]\nm: {a: 1,\n  b: 2}\n# comment\n\n\n'x\n\n y': z\n",
  '---\na: 1\n...\n---\nb: 2\n',
  '\ufeffa: 1\r\n\r\nb:\r\n  - c\r\n',
  'a: "unterminated\nb: 1\n',
  'a:\n\t- tab\n  b: [\n',
  'a: >-\n  folded\n\n  more\n\nz: 1',
];

function yamlLineStarts(text: string): number[] {
  const lines = new LineCounter();
  parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return lines.lineStarts;
}

it('counts lines where yaml does, on crafted and real config files', () => {
  const dirs = ['test/fixtures/config', 'examples'];
  const files = dirs.flatMap((dir) =>
    readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
      .map((name) => readFileSync(join(REPO_ROOT, dir, name), 'utf8')),
  );
  expect(files.length).toBeGreaterThan(2);
  for (const text of [...CRAFTED, ...files]) {
    expect([text, countLines(text).lineStarts]).toEqual([text, yamlLineStarts(text)]);
  }
});
