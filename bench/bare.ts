// A bare repository for the server benchmarks, filled with git fast-import: main with one commit, then commits
// that exist as objects on no ref, which is what a push brings to pre-receive.
import { spawnSync } from 'node:child_process';
import { tempDir } from '../test/helpers/repo.js';

export function benchServer(name: string, env: NodeJS.ProcessEnv) {
  const dir = tempDir(name);
  const git = (args: string[], input?: string) => {
    const r = spawnSync('git', args, { cwd: dir, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
    return r.stdout.trim();
  };
  let t = 1_700_000_000;
  const commit = (ref: string, message: string, from?: string) =>
    `commit ${ref}\ncommitter Bench <bench@example.com> ${++t} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${from ? `from ${from}\n` : ''}\n`;
  git(['init', '-q', '--bare', '--initial-branch=main', dir]);
  git(['fast-import', '--quiet'], commit('refs/heads/main', 'chore: start\n'));
  /** A chain of commits with `messages` on main's tip, left on no ref; every sha, oldest first. */
  const incoming = (messages: string[]): string[] => {
    git(
      ['fast-import', '--quiet'],
      messages.map((m, i) => commit('refs/heads/incoming', m, i === 0 ? 'refs/heads/main' : undefined)).join(''),
    );
    const shas = git(['rev-list', '--reverse', 'refs/heads/incoming', '^refs/heads/main']).split('\n');
    git(['update-ref', '-d', 'refs/heads/incoming']);
    return shas;
  };
  return { dir, git, incoming };
}
