// The README's CLI sample is what the CLI prints today: regenerated from a real run against the
// sandbox and compared. When it fails, run `npm run generate` and review the README's diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN, renderReadmeSamples } from '../../scripts/generate/readme-samples.js';
import { REPO_ROOT } from '../support/repo-root.js';

test('the README sample of the CLI against the sandbox matches a fresh run', async () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  expect(readme).toContain(BEGIN);
  expect(await renderReadmeSamples(REPO_ROOT, readme)).toBe(readme);
}, 60_000);
