// The repository's GitHub address (`owner/name`) lives in ONE place, package.json `repository`.
// The docs, examples, the schema's `$id` and the probe's User-Agent are rendered from it: a fork
// changes package.json and runs `npm run generate`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCHEMA = 'schema/maintenance.schema.json';
const EXAMPLE_WORKFLOWS = 'examples/workflows';

/** Files that name the repository: where users copy `uses:`, module sources and schema URLs. */
export function filesNamingTheRepository(root: string): string[] {
  return [
    'README.md',
    'terraform/README.md',
    'examples/maintenance.yml',
    ...readdirSync(join(root, EXAMPLE_WORKFLOWS))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => `${EXAMPLE_WORKFLOWS}/${name}`),
    'terraform/examples/cloudfront/main.tf',
    'terraform/examples/existing-web-acl/main.tf',
    'terraform/examples/regional-alb/main.tf',
    SCHEMA,
    'src/probe/visit.ts',
  ];
}

/**
 * Files that may name the repository without being rendered here: the source of the address,
 * builds (`npm run package`, the validator rendered from the schema) and this generator.
 */
const NOT_RENDERED = [
  /^package(-lock)?\.json$/,
  /^dist\//,
  /^schema\/.*\.generated\.cjs$/,
  /^scripts\/generate\//,
];

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

/** Whole slugs only: `org/maintenance-action` inside `my-org/maintenance-action-x` is not it. */
function slugPattern(slug: string): RegExp {
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'g');
}

/** Each file's text with the repository's address as package.json says, by path. */
export function renderRepositoryLinks(root: string): Map<string, string> {
  const pattern = slugPattern(renderedSlug(root));
  const to = repositorySlug(root);
  return new Map(
    filesNamingTheRepository(root).map((file) => [
      file,
      readFileSync(join(root, file), 'utf8').replace(pattern, to),
    ]),
  );
}

/**
 * Files in git that name the repository but are not rendered from package.json: a fork would
 * keep pointing at this repository there. `npm run check:generated` fails while any is left.
 */
export function unrenderedMentions(root: string): string[] {
  const pattern = slugPattern(renderedSlug(root));
  const rendered = new Set(filesNamingTheRepository(root));
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && !rendered.has(file) && !NOT_RENDERED.some((re) => re.test(file)))
    .filter((file) => {
      if (!existsSync(join(root, file))) return false; // deleted in the work tree, not yet in git
      return readFileSync(join(root, file), 'utf8').search(pattern) !== -1;
    });
}
