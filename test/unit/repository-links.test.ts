// The repository's address is configured once (package.json `repository`); the docs, examples and
// the schema's $id follow it after `npm run generate`, and nothing else changes.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  FILES_NAMING_THE_REPOSITORY,
  renderRepositoryLinks,
  repositorySlug,
} from '../../scripts/generate/repository.js';
import { REPO_ROOT } from '../support/repo-root.js';

function copyWithRepository(repository: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'repository-links-'));
  for (const file of FILES_NAMING_THE_REPOSITORY) {
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
