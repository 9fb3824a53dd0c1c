// The checkout's root, for tests that read committed files or run the bundles in dist/.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
