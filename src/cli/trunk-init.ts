// The `trunk-init` bin: bootstraps the repository in the current directory (its flags and help: args.ts).
import { runMain } from './main.js';

void runMain(async () => (await import('./commands/init.js')).run, process.argv.slice(2));
