// `npm run generate` rewrites the committed files that are rendered from a source in this
// repository; `npm run check:generated` (CI) fails, naming them, when one is stale.
// (dist/ and terraform/module/ have their own commands: `npm run package`, `npm run module:render`.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderGenerated, staleFiles } from './generate/all.js';
import { unrenderedMentions } from './generate/repository.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rendered = await renderGenerated(ROOT);
const stale = staleFiles(ROOT, rendered);

// A file that names the repository but is not rendered would keep a fork pointing here.
const unrendered = unrenderedMentions(ROOT);
if (unrendered.length > 0) {
  console.error(
    `These files name the repository but are not rendered from package.json "repository" (add them to scripts/generate/repository.ts):\n${unrendered.map((f) => `  ${f}`).join('\n')}`,
  );
  process.exitCode = 1;
}

if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    console.error(
      `Stale generated files (run 'npm run generate' and commit them):\n${stale.map((f) => `  ${f}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`generated files are fresh (${rendered.size} checked)`);
} else {
  for (const file of stale) writeFileSync(join(ROOT, file), rendered.get(file)!);
  console.log(`${stale.length} of ${rendered.size} generated files rewritten`);
}
