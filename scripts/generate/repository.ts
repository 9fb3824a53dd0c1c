// The repository's GitHub address (`owner/name`) lives in ONE place, package.json `repository`.
// The docs, examples and the schema's `$id` are rendered from it: a fork changes package.json and
// runs `npm run generate`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files that name the repository: where users copy `uses:`, module sources and schema URLs. */
export const FILES_NAMING_THE_REPOSITORY = [
  'README.md',
  'terraform/README.md',
  'examples/maintenance.yml',
  'examples/workflows/maintenance.yml',
  'examples/workflows/release.yml',
  'terraform/examples/cloudfront/main.tf',
  'terraform/examples/existing-web-acl/main.tf',
  'terraform/examples/regional-alb/main.tf',
  'schema/maintenance.schema.json',
];

const SCHEMA = 'schema/maintenance.schema.json';
const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** `owner/name` from package.json `repository` (npm's object form, a URL, or `github:owner/name`). */
export function repositorySlug(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    repository?: string | { url?: string };
  };
  const text = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  const slug = text
    .replace(/^(git\+)?https:\/\/github\.com\/|^github:|^git@github\.com:/, '')
    .replace(/\.git$/, '');
  if (!SLUG.test(slug))
    throw new Error(`package.json "repository" must be a GitHub repository, got '${text}'`);
  return slug;
}

/** The slug the files were last rendered with: the one in the schema's `$id`. */
function renderedSlug(root: string): string {
  const schema = JSON.parse(readFileSync(join(root, SCHEMA), 'utf8')) as { $id: string };
  const slug = /^https:\/\/github\.com\/([^/]+\/[^/]+)\//.exec(schema.$id)?.[1];
  if (!slug) throw new Error(`${SCHEMA}: $id '${schema.$id}' does not name a GitHub repository`);
  return slug;
}

/** Each file's text with the repository's address as package.json says, by path. */
export function renderRepositoryLinks(root: string): Map<string, string> {
  const from = renderedSlug(root);
  const to = repositorySlug(root);
  // Whole slugs only: `org/maintenance-action` inside `my-org/maintenance-action-x` is not it.
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'g');
  return new Map(
    FILES_NAMING_THE_REPOSITORY.map((file) => [
      file,
      readFileSync(join(root, file), 'utf8').replace(pattern, to),
    ]),
  );
}
