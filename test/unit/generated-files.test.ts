// Committed files generated from a source in this repository (`npm run generate`) must match it:
// the config validator compiled from the schema, and the docs naming the repository.
import { renderGenerated, staleFiles } from '../../scripts/generate/all.js';
import { REPO_ROOT } from '../support/repo-root.js';

test('generated files are fresh (if not: run `npm run generate` and commit the files named)', async () => {
  expect(staleFiles(REPO_ROOT, await renderGenerated(REPO_ROOT))).toEqual([]);
});
