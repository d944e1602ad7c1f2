// Bundles the two bins with esbuild: one file per command plus shared chunks, so a hook parses only its code.
//
// The files are CommonJS. Node 20's ES module loader costs every process about 8 ms to start and about 1 ms per
// file it loads, where its CommonJS loader costs neither; a hook starts on every commit. esbuild splits code only
// in ES module format, so the bundle is built as ES modules first and each file is then turned into CommonJS, its
// dynamic imports into lazy require() calls. dist/trunk.mjs and dist/trunk-init.mjs stay as ES module entries that
// load the CommonJS ones: CI templates committed in users' repositories and installed server hooks name them.
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
// Built beside dist and swapped in whole, so a hook or test running meanwhile never sees half a bundle.
const next = `dist.next-${process.pid}`;
await build({
  // hook: what the hooks' shims run, the trunk bin compiled from the hooks' code cache (src/cli/hook.ts).
  entryPoints: { ...Object.fromEntries(BINS.map((bin) => [bin, `src/cli/${bin}.ts`])), hook: 'src/cli/hook.ts' },
  outdir: next,
  // Named .cjs already, so the imports between the files need no rewriting once they are CommonJS.
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Only a TypeScript commitlint config needs the compiler; husky copies its own files: both load from node_modules.
  external: ['typescript', 'husky'],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // CommonJS has no import.meta. Every file of dist/ sits in one directory, so one file's URL serves them all.
  define: { 'import.meta.url': '__trunkFileUrl' },
  inject: ['scripts/file-url.mjs'],
  plugins: [semverValidForCommitlint, lazyChildProcessForCommitlint],
  logLevel: 'warning',
});
for (const file of readdirSync(next)) {
  const path = `${next}/${file}`;
  // A command's import() of its chunk becomes a require() run when the command is: still lazy, and no ES module
  // loader. Other import() calls stay: the configs that commitlint and cosmiconfig load at run time may be ES modules.
  const esm = readFileSync(path, 'utf8').replace(
    /\bimport\("(\.\/[\w-]+\.cjs)"\)/g,
    'Promise.resolve().then(() => require("$1"))',
  );
  const { code } = await transform(esm, {
    format: 'cjs',
    loader: 'js',
    target: 'node20',
    minify: true,
    banner: `${BINS.includes(file.replace(/\.cjs$/, '')) ? '#!/usr/bin/env node\n' : ''}"use strict";`,
  });
  if (/\bimport\("\.\//.test(code))
    throw new Error(`${file}: an import() of a chunk was left for the ES module loader`);
  writeFileSync(path, code);
}
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
