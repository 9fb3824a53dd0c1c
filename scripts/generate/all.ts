// Every committed file rendered from a source in this repository, and which of them are stale.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigValidator } from './config-validator.js';
import { renderRepositoryLinks } from './repository.js';

/** Each generated file's expected text, by path relative to `root`. */
export async function renderGenerated(root: string): Promise<Map<string, string>> {
  return new Map([...renderRepositoryLinks(root), ...(await renderConfigValidator(root))]);
}

/** The generated files whose committed text differs from what `npm run generate` writes. */
export function staleFiles(root: string, rendered: ReadonlyMap<string, string>): string[] {
  return [...rendered]
    .filter(([file, text]) => {
      const path = join(root, file);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    })
    .map(([file]) => file);
}
