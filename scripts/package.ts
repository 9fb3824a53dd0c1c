// `npm run package`: the bundles users run, built with esbuild from the sources into dist/ (per
// entry point an ES module and the chunks it loads, in the entry's directory, no node_modules
// needed), and dist/licenses.txt.
//
// Why esbuild and not ncc: ncc's webpack takes the AWS SDK's CommonJS build (all of WAFv2's
// commands) and evaluates everything at start; esbuild takes the ES module builds and drops what
// no command uses. Code splitting puts what a module loads with `await import()` (e.g.
// @actions/github, only for a config read through the API; the CloudWatch client; the SDK's
// credential providers other than the environment's) in chunks Node reads only when a command
// gets there, so a command's start parses only what it may need. Minified, with
// function and class names kept so stack traces still say where an error came from; no source
// maps (they would double dist/ and cost start-up time to load).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Entry point -> bundle, as action.yml (`main`, `post`) and package.json `bin` name them. */
const BUNDLES: [string, string][] = [
  ['src/action/index.ts', 'dist/index.js'],
  ['src/post/index.ts', 'dist/post/index.js'],
  ['src/cli/index.ts', 'dist/cli/index.js'],
].filter(([entry]) => existsSync(join(ROOT, entry!))) as [string, string][];

// CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module';\n" +
  'const require = __createRequire(import.meta.url);';

/**
 * @actions/core imports @actions/http-client (and with it undici, which compiles its HTTP parser,
 * a WebAssembly module, as it loads; 6 MiB of the action's peak memory) only for getIDToken
 * (OIDC), which we never call. Telling esbuild that http-client has no side effects when imported by core lets
 * it drop the unused import; Octokit (loaded when needed) still bundles its own copy.
 */
const coreWithoutHttpClient: Plugin = {
  name: 'core-without-http-client',
  setup(build) {
    build.onResolve({ filter: /^@actions\/http-client(\/|$)/ }, async (args) => {
      if (!/[\\/]node_modules[\\/]@actions[\\/]core[\\/]/.test(args.importer)) return undefined;
      if (args.pluginData === 'core-without-http-client') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'core-without-http-client',
      });
      return { ...resolved, sideEffects: false };
    });
  },
};

async function bundle(entry: string, outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    outdir: join(ROOT, dirname(outfile)),
    entryNames: basename(outfile, '.js'),
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The ES module builds of the AWS SDK and the toolkit, so unused exports are dropped.
    mainFields: ['module', 'main'],
    minify: true,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none', // the licenses go to dist/licenses.txt
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    plugins: [coreWithoutHttpClient],
    logLevel: 'warning',
  });
  return result.metafile;
}

/** Each bundled package's name, license and license text (what ncc's --license wrote). */
function licenses(metafiles: Metafile[]): string {
  const packages = new Set<string>();
  for (const metafile of metafiles)
    for (const input of Object.keys(metafile.inputs)) {
      const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.add(match[0].slice(match[0].startsWith('/') ? 1 : 0, -1));
    }
  const entries = [...packages]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
        name: string;
        license?: string;
      };
      const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE']
        .map((name) => join(ROOT, dir, name))
        .find((path) => existsSync(path));
      const text = file ? readFileSync(file, 'utf8').trim() : '';
      return { name: pkg.name, text: `${pkg.name}\n${pkg.license ?? ''}\n${text}` };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  // One entry per package name (nested copies of one package carry the same license).
  const seen = new Set<string>();
  return `${entries
    .filter(({ name }) => !seen.has(name) && seen.add(name))
    .map(({ text }) => text)
    .join('\n\n')}\n`;
}

rmSync(DIST, { recursive: true, force: true });
const metafiles: Metafile[] = [];
for (const [entry, outfile] of BUNDLES) {
  metafiles.push(await bundle(entry, outfile));
  // Node reads the bundles as ES modules.
  writeFileSync(join(ROOT, dirname(outfile), 'package.json'), '{\n  "type": "module"\n}\n');
}
writeFileSync(join(DIST, 'licenses.txt'), licenses(metafiles));
console.log(BUNDLES.map(([, outfile]) => outfile).join(', '));
