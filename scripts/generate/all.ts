// Every committed file rendered from a source in this repository, and which of them are stale.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigValidator } from './config-validator.js';
import { renderReadmeSamples } from './readme-samples.js';
import { renderRepositoryLinks, SCHEMA } from './repository.js';

/**
 * What package.json and the schema give, in one pass: the validator is compiled from the schema
 * as rendered here (its `$id` names the repository), not from the committed one, so one
 * `npm run generate` leaves nothing stale.
 */
export async function renderFromPackageAndSchema(root: string): Promise<Map<string, string>> {
  const links = renderRepositoryLinks(root);
  return new Map([...links, ...(await renderConfigValidator(root, links.get(SCHEMA)))]);
}

/** Each generated file's expected text, by path relative to `root`. */
export async function renderGenerated(root: string): Promise<Map<string, string>> {
  const rendered = await renderFromPackageAndSchema(root);
  // The README's CLI sample, from a real run, on top of the README's other renderings.
  const readme = rendered.get('README.md') ?? readFileSync(join(root, 'README.md'), 'utf8');
  rendered.set('README.md', await renderReadmeSamples(root, readme));
  return rendered;
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
