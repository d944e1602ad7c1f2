// `trunk hook pre-commit` as the hooks' shims run it: built as one file, dist/hook-pre-commit.cjs (scripts/build.mjs),
// which dist/hook.cjs loads.
import { run } from '../commands/hook-pre-commit.js';
import { runMain } from '../main.js';

void runMain(async () => run, process.argv.slice(4));
