// Bundles the two bins with esbuild: one file per entry plus shared chunks, so a hook parses only its code.
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
// Built beside dist and swapped in whole, so a hook or test running meanwhile never sees half a bundle.
const next = `dist.next-${process.pid}`;
await build({
  entryPoints: { trunk: 'src/cli/trunk.ts', 'trunk-init': 'src/cli/trunk-init.ts' },
  outdir: next,
  outExtension: { '.js': '.mjs' },
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
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __trunkRequire } from 'node:module';\nconst require = __trunkRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
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
