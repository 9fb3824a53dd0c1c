// Writes terraform/module/main.tf.json from the construct; `--check` fails when it is stale.
//   npx tsx terraform/scripts/render.ts [--check]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderModule } from '../src/render-module.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'module', 'main.tf.json');
const shown = relative(process.cwd(), target);
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const rendered = renderModule();
if (values.check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== rendered) {
    const committedLines = committed.split('\n');
    const firstDifference = rendered.split('\n').findIndex((line, i) => line !== committedLines[i]);
    console.error(
      `${shown} is stale: it differs from the construct from line ${firstDifference + 1}.\n` +
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
