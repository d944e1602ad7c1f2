// `trunk hook commit-msg` as the hooks' shims run it: built as one file, dist/hook-commit-msg.cjs (scripts/build.mjs),
// which dist/hook.cjs loads.
import { run } from '../commands/hook-commit-msg.js';
import { runMain } from '../main.js';

void runMain(async () => run, process.argv.slice(4));
