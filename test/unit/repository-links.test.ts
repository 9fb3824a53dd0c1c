// The repository's address is configured once (package.json `repository`); the docs, examples,
// the schema's $id and the probe's User-Agent follow it after ONE `npm run generate`, and nothing
// else in the repository names it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderFromPackageAndSchema, staleFiles } from '../../scripts/generate/all.js';
import { CONFIG_VALIDATOR } from '../../scripts/generate/config-validator.js';
import {
  filesNamingTheRepository,
  renderRepositoryLinks,
  repositorySlug,
  unrenderedMentions,
} from '../../scripts/generate/repository.js';
import { REPO_ROOT } from '../support/repo-root.js';

function copyWithRepository(repository: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'repository-links-'));
  for (const file of [
    ...filesNamingTheRepository(REPO_ROOT),
    CONFIG_VALIDATOR,
    '.prettierrc.json',
  ]) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(root, file));
  }
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as object;
  writeFileSync(join(root, 'package.json'), JSON.stringify({ ...pkg, repository }));
  return root;
}

test('a fork that changes package.json gets every link, module source and $id renamed', () => {
  const root = copyWithRepository({
    type: 'git',
    url: 'git+https://github.com/acme/waf-switch.git',
  });
  const rendered = renderRepositoryLinks(root);
  const all = [...rendered.values()].join('\n');
  expect(all).not.toContain(repositorySlug(REPO_ROOT));
  const schema = JSON.parse(rendered.get('schema/maintenance.schema.json')!) as { $id: string };
  expect(schema.$id).toBe('https://github.com/acme/waf-switch/schema/maintenance.schema.json');
  expect(rendered.get('examples/workflows/release.yml')).toContain('uses: acme/waf-switch@v1');
  expect(rendered.get('terraform/examples/cloudfront/main.tf')).toContain(
    'source = "github.com/acme/waf-switch//terraform/module?ref=v1"',
  );
  // Other repositories' actions and links are left alone.
  expect(rendered.get('examples/workflows/release.yml')).toContain('actions/checkout@');
});

test('every file in git that names the repository is rendered from package.json', () => {
  expect(unrenderedMentions(REPO_ROOT)).toEqual([]);
});

test('one `npm run generate` renders a fork completely: a second finds nothing stale', async () => {
  const root = copyWithRepository('github:acme/waf-switch');
  const first = await renderFromPackageAndSchema(root);
  for (const [file, text] of first) writeFileSync(join(root, file), text);
  expect(staleFiles(root, await renderFromPackageAndSchema(root))).toEqual([]);
  const texts = [...first.values()].join('\n');
  expect(texts).not.toContain(repositorySlug(REPO_ROOT));
  // The validator carries the schema's $id: compiled from the schema as rendered, not as it was.
  expect(first.get(CONFIG_VALIDATOR)).toContain('https://github.com/acme/waf-switch/schema/');
  expect(first.get('src/probe/visit.ts')).toContain('(+https://github.com/acme/waf-switch)');
  expect(first.get('examples/workflows/validate-config.yml')).toContain('uses: acme/waf-switch@');
});

test.each([
  ['github:acme/waf-switch', 'acme/waf-switch'],
  ['https://github.com/acme/waf-switch', 'acme/waf-switch'],
  [{ url: 'git@github.com:acme/waf-switch.git' }, 'acme/waf-switch'],
])('reads the repository from %j', (repository, slug) => {
  expect(repositorySlug(copyWithRepository(repository))).toBe(slug);
});

test('says what is wrong with a repository that is not on GitHub', () => {
  expect(() => repositorySlug(copyWithRepository('https://gitlab.com/acme/x'))).toThrow(
    /package.json "repository" must be a GitHub repository, got 'https:\/\/gitlab.com\/acme\/x'/,
  );
});
