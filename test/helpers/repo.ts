// Real-git fixtures: temporary repositories (optionally with a bare remote) bootstrapped by the built trunk-init.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
export const TRUNK = join(PROJECT, 'dist/trunk.cjs');
export const TRUNK_INIT = join(PROJECT, 'dist/trunk-init.cjs');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'trunk-test-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A fresh directory under this run's scratch dir. */
export function tempDir(name = 'dir'): string {
  const dir = join(scratch, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** An environment with nothing of the developer's: no global git config, no inherited GIT_*, TRUNK_* or colour switches. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^(GIT_|TRUNK_|HUSKY|NO_COLOR$|FORCE_COLOR$)/.test(key)) env[key] = value;
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

/** Runs a program; never throws. */
export function run(
  file: string,
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: cleanEnv(options.env), maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.on('error', () => {}); // the program may exit without reading its input
    child.stdin?.end(options.input ?? '');
  });
}

/** node_modules for fixtures: the package under test and what its configs resolve, linked, never installed. */
const modules = (() => {
  const dir = join(scratch, 'node_modules');
  mkdirSync(join(dir, '@commitlint'), { recursive: true });
  symlinkSync(PROJECT, join(dir, 'trunk-init'));
  symlinkSync(join(PROJECT, 'node_modules/husky'), join(dir, 'husky'));
  symlinkSync(
    join(PROJECT, 'node_modules/@commitlint/config-conventional'),
    join(dir, '@commitlint/config-conventional'),
  );
  return dir;
})();

export class Repo {
  constructor(
    readonly dir: string,
    readonly env: Record<string, string> = {},
  ) {}

  /** Runs git; throws with its stderr on failure. */
  async git(...args: string[]): Promise<string> {
    const r = await this.gitResult(...args);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout.trim();
  }

  gitResult(...args: string[]): Promise<Result> {
    return run('git', args, { cwd: this.dir, env: this.env });
  }

  /** Runs git with extra environment variables (pinned dates, TRUNK_SKIP); never throws. */
  gitWith(env: Record<string, string>, ...args: string[]): Promise<Result> {
    return run('git', args, { cwd: this.dir, env: { ...this.env, ...env } });
  }

  trunk(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Result> {
    return run(process.execPath, [TRUNK, ...args], {
      cwd: this.dir,
      input: options.input,
      env: { ...this.env, ...options.env },
    });
  }

  trunkInit(args: string[] = ['--no-install']): Promise<Result> {
    return run(process.execPath, [TRUNK_INIT, ...args], { cwd: this.dir, env: this.env });
  }

  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Commits a change to `path` on the current branch, hooks and all. */
  async commit(message: string, path = `f${++counter}.yaml`): Promise<Result> {
    this.write(path, `value: ${counter}\n`);
    await this.git('add', path);
    return this.gitResult('commit', '-q', '-m', message);
  }

  /**
   * Cuts `name` from main, commits each of `messages` there (the first to `path`), and merges it into main with plain
   * git, as a team does: `git merge --no-ff`, so the post-merge hook runs. Returns the merge's result (its stderr
   * holds the hook's).
   */
  async mergeFeature(name: string, messages: string | string[], path?: string): Promise<Result> {
    await this.git('switch', '-q', '-c', name, 'main');
    for (const [i, message] of [messages].flat().entries()) {
      const committed = await this.commit(message, i === 0 ? path : undefined);
      if (committed.code !== 0)
        throw new Error(`git commit -m ${JSON.stringify(message)} failed (${committed.code}): ${committed.stderr}`);
    }
    await this.git('switch', '-q', 'main');
    return this.gitResult('merge', '--no-ff', '-m', `Merge branch '${name}'`, name);
  }

  sha(ref = 'HEAD'): Promise<string> {
    return this.git('rev-parse', ref);
  }

  /** Where a release leaves things: HEAD, tags, changelog, status; a failed release must leave all of it as it was. */
  async releaseState() {
    return {
      head: await this.sha(),
      tags: await this.git('tag', '--list'),
      changelog: existsSync(join(this.dir, 'CHANGELOG.md')) ? this.read('CHANGELOG.md') : null,
      status: await this.git('status', '--porcelain'),
    };
  }
}

const GIT_SETTINGS = [
  ['user.name', 'Test'],
  ['user.email', 'test@example.com'],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/** `git init` (on main unless `initArgs` say otherwise) with the test settings and linked node_modules; no commit. */
export async function initRepo(dir = tempDir('repo'), initArgs: string[] = ['--initial-branch=main']): Promise<Repo> {
  const repo = new Repo(dir);
  await repo.git('init', '-q', ...initArgs);
  for (const [key, value] of GIT_SETTINGS) await repo.git('config', key, value);
  symlinkSync(modules, join(dir, 'node_modules'));
  return repo;
}

/** A new bare repository made `repo`'s origin; returns its path. */
export async function addOrigin(repo: Repo): Promise<string> {
  const remote = tempDir('remote.git');
  await run('git', ['init', '-q', '--bare', remote], { cwd: remote });
  await repo.git('remote', 'add', 'origin', remote);
  return remote;
}

/** A new repository set up by the built trunk-init with `flags` (no npm install), its main pushed to a bare origin. */
export async function initWith(flags: string[]): Promise<Repo> {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', ...flags]);
  if (r.code !== 0) throw new Error(`trunk-init ${flags.join(' ')} failed: ${r.stderr}`);
  await addOrigin(repo);
  await repo.git('push', '-q', '-u', 'origin', 'main');
  return repo;
}

let template: string | null = null;

/** A repository bootstrapped by the built `trunk-init` (initial commit on main); copied from a template. */
export async function makeRepo(options: { remote?: boolean } = {}): Promise<Repo> {
  if (!template) {
    const repo = await initRepo(tempDir('template'));
    const r = await repo.trunkInit();
    if (r.code !== 0) throw new Error(`trunk-init failed: ${r.stderr}`);
    template = repo.dir;
  }
  const dir = tempDir('repo');
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  const repo = new Repo(dir);
  if (options.remote) {
    await addOrigin(repo);
    await repo.git('push', '-q', '-u', 'origin', 'main');
  }
  return repo;
}

/** The ref's sha in the remote (empty when the remote does not have it). */
export async function remoteSha(repo: Repo, ref: string): Promise<string> {
  const out = await repo.git('ls-remote', 'origin', ref);
  return out.split(/\s/)[0] ?? '';
}

/** Appends commits with `messages` to `branch` in one `git fast-import` (thousands per second); no hooks run. */
export async function importCommits(repo: Repo, branch: string, messages: string[]): Promise<void> {
  const parent = await repo.git('rev-parse', `refs/heads/${branch}`);
  // One second apart, after the parent: git's reachability walks (tag --merged) trust commit dates.
  const start = Number(await repo.git('log', '-1', '--format=%ct', parent)) + 1;
  const stream = messages
    .map((message, i) => {
      const data = Buffer.byteLength(message);
      return `commit refs/heads/${branch}\ncommitter Test <test@example.com> ${start + i} +0000\ndata ${data}\n${message}\n${i === 0 ? `from ${parent}\n` : ''}\n`;
    })
    .join('');
  const r = await run('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  if (r.code !== 0) throw new Error(`fast-import failed: ${r.stderr}`);
  await repo.git('reset', '-q', '--keep', 'HEAD'); // refresh the index if branch is checked out
}
