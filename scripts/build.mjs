// Bundles the two bins with esbuild: one file per command plus shared chunks, so a hook parses only its code; and
// the hooks of every commit, pre-commit and commit-msg, as one file each (see the second build below).
//
// The files are CommonJS. Node 20's ES module loader costs every process about 8 ms to start and about 1 ms per
// file it loads, where its CommonJS loader costs neither; a hook starts on every commit. esbuild splits code only
// in ES module format, so the bundle is built as ES modules first and each file is then turned into CommonJS, its
// dynamic imports into lazy require() calls. dist/trunk.mjs and dist/trunk-init.mjs stay as ES module entries that
// load the CommonJS ones: CI templates committed in users' repositories and installed server hooks name them.
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { build, transform } from 'esbuild';

const require = createRequire(import.meta.url);
const BINS = ['trunk', 'trunk-init'];

/** @commitlint/is-ignored imports all of semver, ~50 modules run at load, for semver.valid alone: it gets that
 * function only, which takes ~4 ms off every commit-msg hook. */
const semverValidForCommitlint = {
  name: 'semver-valid-for-commitlint',
  setup(build) {
    build.onResolve({ filter: /^semver$/ }, ({ importer, resolveDir }) =>
      /[\\/]@commitlint[\\/]is-ignored[\\/]/.test(importer)
        ? { path: 'semver-valid', namespace: 'commitlint-semver', pluginData: resolveDir }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'commitlint-semver' }, ({ pluginData }) => ({
      contents: "import valid from 'semver/functions/valid.js'; export default { valid };",
      resolveDir: pluginData,
    }));
  },
};
/** @commitlint/rules' trailer-exists imports node's child_process (~3 ms with its streams) for a rule few configs
 * enable; loaded when the rule runs instead, a commit-msg hook whose shim asked its git question never loads it. */
const lazyChildProcessForCommitlint = {
  name: 'lazy-child-process-for-commitlint',
  setup(build) {
    build.onLoad({ filter: /[\\/]@commitlint[\\/]rules[\\/]lib[\\/]trailer-exists\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const eager = 'import { spawnSync } from "node:child_process";';
      if (!source.includes(eager))
        throw new Error(`${path}: its child_process import changed; update scripts/build.mjs`);
      const lazy = 'const spawnSync = (...args) => process.getBuiltinModule("node:child_process").spawnSync(...args);';
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};
/** The loaders of users' configs, which import() a config that is an ES module: files of their own, dist/<name>.cjs,
 * with what trunk imports of them. The hook bundles require them when a config is not in trunk's cache. */
const CONFIG_LOADERS = {
  cosmiconfig: { from: 'cosmiconfig', names: 'cosmiconfig' },
  'commitlint-load': { from: '@commitlint/load', names: 'default, resolveFromSilent' },
};
const configLoaderFiles = {
  name: 'config-loader-files',
  setup(build) {
    build.onResolve({ filter: /^config-loader:/ }, ({ path }) => ({ path, namespace: 'config-loader' }));
    build.onLoad({ filter: /.*/, namespace: 'config-loader' }, ({ path }) => {
      const { from, names } = CONFIG_LOADERS[path.slice('config-loader:'.length)];
      return { contents: `export { ${names} } from '${from}';`, resolveDir: process.cwd() };
    });
  },
};
const configLoadersOutside = {
  name: 'config-loaders-outside',
  setup(build) {
    for (const [name, { from }] of Object.entries(CONFIG_LOADERS))
      build.onResolve({ filter: new RegExp(`^${from}$`) }, () => ({ path: `./${name}.cjs`, external: true }));
  },
};
const BUILD_PLACEHOLDER = 'trunk-build-hash';
const common = {
  outdir: `dist.next-${process.pid}`,
  // Named .cjs already, so the imports between the files need no rewriting once they are CommonJS.
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Only a TypeScript commitlint config needs the compiler; husky copies its own files: both load from node_modules.
  external: ['typescript', 'husky'],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // CommonJS has no import.meta. trunk's own code reads import.meta.dirname and filename: the module wrapper's own
  // variables. Dependencies read import.meta.url: scripts/file-url.mjs makes it when read. Every file of dist/ sits
  // in one directory, so one file's location serves them all.
  define: {
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
    'import.meta.url': '__trunkFile.url',
  },
  inject: ['scripts/file-url.mjs'],
  logLevel: 'warning',
};
// Built beside dist and swapped in whole, so a hook or test running meanwhile never sees half a bundle.
const next = common.outdir;
await build({
  ...common,
  entryPoints: {
    ...Object.fromEntries(BINS.map((bin) => [bin, `src/cli/${bin}.ts`])),
    ...Object.fromEntries(Object.keys(CONFIG_LOADERS).map((name) => [name, `config-loader:${name}`])),
  },
  splitting: true,
  format: 'esm',
  plugins: [semverValidForCommitlint, lazyChildProcessForCommitlint, configLoaderFiles],
});
/** What the hooks' shims run, and dist/hook-<name>.cjs for each entry in src/cli/hooks/. */
const HOOK_ENTRIES = {
  hook: 'src/cli/hook.ts',
  ...Object.fromEntries(
    readdirSync('src/cli/hooks').map((f) => [`hook-${f.replace(/\.ts$/, '')}`, `src/cli/hooks/${f}`]),
  ),
};
// What the hooks' shims run (src/cli/hook.ts), and the hooks of every commit, each one file with all it runs: node's
// loader costs about 0.2 ms a file, and the compile cache reads one entry instead of eighteen. Their copies of
// trunk's modules are their own; they share only the config loaders, which are third-party code.
await build({
  ...common,
  entryPoints: HOOK_ENTRIES,
  // CommonJS here, where an import of a config loader is a require() run where the module that imports it runs;
  // bundled as ES modules, it would be hoisted to the file's top and run at every start.
  format: 'cjs',
  // The build's hash, which names the compile cache (src/cli/code-cache.ts): written in once the files are final.
  define: { ...common.define, __TRUNK_BUILD__: JSON.stringify(BUILD_PLACEHOLDER) },
  plugins: [semverValidForCommitlint, lazyChildProcessForCommitlint, configLoadersOutside],
});
for (const file of readdirSync(next)) {
  const path = `${next}/${file}`;
  // A command's import() of its chunk becomes a require() run when the command is: still lazy, and no ES module
  // loader. Other import() calls stay: the configs that commitlint and cosmiconfig load at run time may be ES modules.
  const esm = readFileSync(path, 'utf8').replace(
    /\bimport\("(\.\/[\w-]+\.cjs)"\)/g,
    'Promise.resolve().then(() => require("$1"))',
  );
  const shebang = BINS.includes(file.replace(/\.cjs$/, '')) ? '#!/usr/bin/env node\n' : '';
  // The hook bundles are CommonJS already, with their "use strict".
  const strict = esm.startsWith('"use strict";') ? '' : '"use strict";';
  const { code } = await transform(esm, {
    format: 'cjs',
    loader: 'js',
    target: 'node20',
    minify: true,
    banner: shebang + strict,
  });
  if (/\bimport\("\.\//.test(code))
    throw new Error(`${file}: an import() of a chunk was left for the ES module loader`);
  writeFileSync(path, code);
}
for (const file of Object.keys(HOOK_ENTRIES))
  // The compile cache leaves a file with import() to node (src/cli/code-cache.ts): these must have none.
  if (/\bimport\(/.test(readFileSync(`${next}/${file}.cjs`, 'utf8')))
    throw new Error(`${file}.cjs: an import() was bundled in; load its module as CONFIG_LOADERS are`);
// V8 takes cached code for a source of the same length, so the cache of each build is its own: named by a hash of
// every file the hooks may load (all but hook.cjs, which node compiles itself).
const hash = createHash('sha256');
for (const file of readdirSync(next).sort())
  if (file !== 'hook.cjs')
    hash
      .update(`${file}\0`)
      .update(readFileSync(`${next}/${file}`))
      .update('\0');
const hook = readFileSync(`${next}/hook.cjs`, 'utf8');
if (!hook.includes(BUILD_PLACEHOLDER)) throw new Error('hook.cjs: the build hash has no place in it');
writeFileSync(`${next}/hook.cjs`, hook.replace(BUILD_PLACEHOLDER, hash.digest('hex').slice(0, 16)));
for (const bin of BINS) writeFileSync(`${next}/${bin}.mjs`, `#!/usr/bin/env node\nimport './${bin}.cjs';\n`);
// @commitlint/config-validator reads its schema with a require esbuild cannot follow.
copyFileSync(
  require.resolve('@commitlint/config-validator/lib/commitlint.schema.json'),
  `${next}/commitlint.schema.json`,
);
const old = `dist.old-${process.pid}`;
try {
  renameSync('dist', old);
} catch {}
renameSync(next, 'dist');
rmSync(old, { recursive: true, force: true });
