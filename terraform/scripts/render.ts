// Writes terraform/module/main.tf.json from the construct; `--check` fails when it is stale.
//   npx tsx terraform/scripts/render.ts [--check] [--out <file>]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderModule } from '../src/render-module.js';

const committed = join(dirname(fileURLToPath(import.meta.url)), '..', 'module', 'main.tf.json');
const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    out: { type: 'string', default: committed },
  },
});
const target = resolve(values.out);
const shown = relative(process.cwd(), target);

const rendered = renderModule();
if (values.check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== rendered) {
    const currentLines = current.split('\n');
    const firstDifference = rendered.split('\n').findIndex((line, i) => line !== currentLines[i]);
    console.error(
      `${shown} is stale: it differs from what the construct renders from line ${firstDifference + 1}.\n` +
        'Run `npx tsx terraform/scripts/render.ts` and commit the result.',
    );
    process.exit(1);
  }
  console.log(`${shown} is up to date.`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, rendered);
  console.log(`wrote ${shown}`);
}
