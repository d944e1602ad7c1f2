// What the hooks' shims run (hooks/lib.sh): the trunk bin, with the hooks' compile cache (code-cache.ts) in place
// before any file of it loads. A preload (node -r) would do as much, but node resolves a preload through the
// package.json of the directory it runs in, and fails there before any check when that file is broken.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import './code-cache.js';

const [word, hook, first] = process.argv.slice(2);
// The hooks of every commit are built as one file each (hooks/*.ts); their --help, and every other hook, is the bin's.
const bundled =
  word === 'hook' && (hook === 'pre-commit' || hook === 'commit-msg') && first !== '--help' && first !== '-h';
const file = join(import.meta.dirname, bundled ? `hook-${hook}.cjs` : 'trunk.cjs');
try {
  createRequire(import.meta.filename)(file);
} catch (err) {
  // Half an install (the shims checked for this file only): said as the shims say it, an error, not a refusal.
  if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || existsSync(file)) throw err;
  process.stderr.write(`trunk: ${file} is missing, so the ${hook ?? word} check cannot run. Fix: npm install\n`);
  process.exitCode = 2;
}
