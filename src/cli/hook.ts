// What the hooks' shims run (hooks/lib.sh): the trunk bin, with the hooks' compile cache (code-cache.ts) in place
// before any file of it loads. A preload (node -r) would do as much, but node resolves a preload through the
// package.json of the directory it runs in, and fails there before any check when that file is broken.
import { createRequire } from 'node:module';
import './code-cache.js';

const [word, hook, first] = process.argv.slice(2);
// The hooks of every commit are built as one file each (hooks/*.ts); their --help, and every other hook, is the bin's.
const bundled =
  word === 'hook' && (hook === 'pre-commit' || hook === 'commit-msg') && first !== '--help' && first !== '-h';
createRequire(import.meta.url)(bundled ? `./hook-${hook}.cjs` : './trunk.cjs');
