// A git server for tests: a repository bootstrapped by trunk-init, pushed to a bare remote on which the built
// `trunk server install` put the pre-receive hook (install also points the bare repository's HEAD at main).
import * as assert from 'uvu/assert';
import { makeRepo, run, TRUNK, type Repo, type Result } from './repo.js';

export interface HookedServer {
  repo: Repo;
  /** The bare repository's path (origin of `repo`). */
  server: string;
  /** Every ref of the server with its sha: a rejected push must leave it exactly so. */
  refs(): Promise<string>;
  /** Pushes to origin with the client hooks skipped, as --no-verify, HUSKY=0 or a GUI client would. */
  push(...args: string[]): Promise<Result>;
}

/** Installs the pre-receive hook in `server`, asserting that it worked; returns what install printed. */
export async function installHook(server: string): Promise<string> {
  const r = await run(process.execPath, [TRUNK, 'server', 'install', server], { cwd: server });
  assert.is(r.code, 0, r.stderr);
  return r.stderr;
}

export async function hookedServer(): Promise<HookedServer & { installed: string }> {
  const repo = await makeRepo({ remote: true });
  const server = await repo.git('remote', 'get-url', 'origin');
  const installed = await installHook(server);
  return {
    repo,
    server,
    installed,
    refs: async () => (await run('git', ['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: server })).stdout,
    push: (...args) => repo.gitResult('push', '--no-verify', 'origin', ...args),
  };
}
