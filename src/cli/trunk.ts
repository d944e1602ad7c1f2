// The `trunk` bin: parses the command word and lazy-loads that command (hooks load only what they need; the usage
// texts in args.ts load only for --help and usage errors).
import { runMain, type Command } from './main.js';
import { VERSION } from './version.js';

const hooks: Record<string, () => Promise<{ run: Command }>> = {
  'pre-commit': () => import('./commands/hook-pre-commit.js'),
  'commit-msg': () => import('./commands/hook-commit-msg.js'),
  'pre-push': () => import('./commands/hook-pre-push.js'),
  'post-merge': () => import('./commands/hook-post-merge.js'),
  'pre-receive': () => import('./commands/hook-pre-receive.js'),
};
const commands: Record<string, () => Promise<{ run: Command }>> = {
  release: () => import('./commands/release.js'),
  notes: () => import('./commands/notes.js'),
  env: () => import('./commands/env.js'),
  check: () => import('./commands/check.js'),
  lint: () => import('./commands/lint.js'),
  doctor: () => import('./commands/doctor.js'),
  config: () => import('./commands/config.js'),
  server: () => import('./commands/server.js'),
};

const [word, ...rest] = process.argv.slice(2);

const usage = () => import('./args.js');
const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

async function resolve(): Promise<Command> {
  if (word === '--version' || word === '-v') return async (_, io) => (io.out(VERSION), 0);
  if (!word || isHelp(word) || word === 'help') return async (_, io) => (io.out((await usage()).GROUPS.trunk()), 0);
  if (word === 'hook') {
    const [name, first] = rest;
    const load = hooks[name];
    if (!load && (name === undefined || isHelp(name)))
      return async (_, io) => (io.out((await usage()).GROUPS.hook()), 0);
    if (!load) throw (await usage()).unknownWord(name, Object.keys(hooks), 'a hook trunk runs', 'trunk hook --help');
    // A hook's arguments are git's, passed through as they come; only --help in first place is ours.
    if (isHelp(first)) return async (_, io) => (io.out((await usage()).hookHelp(name)!), 0);
    return (await load()).run;
  }
  const load = commands[word];
  if (!load) throw (await usage()).unknownWord(word, Object.keys(commands), 'a trunk command', 'trunk --help');
  return (await load()).run;
}

void runMain(resolve, word === 'hook' ? rest.slice(1) : rest);
