// The one way into git: `git` run without a shell (arguments are data, never parsed), bound to a
// repository, errors wrapped once, here. Not simple-git: on this hot path it cost ~100 ms per hook run
// (import plus its task scheduler), 40% of a hook; execFile costs ~3 ms a call.
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from '../../errors.js';

/** node's child_process, loaded when git first runs (~3 ms with its streams): a hook whose one question its shim
 * asked (prefetch.ts) never runs git itself. */
const child = () => process.getBuiltinModule('node:child_process');

export interface Repo {
  /** The top of the work tree. */
  root: string;
  /** This work tree's git dir (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** The git dir shared by all worktrees: refs, config, our cache. */
  commonDir: string;
  /**
   * Runs git and returns its stdout. A failure git explains on stderr throws a TrunkError; a quiet
   * non-zero exit is an answer ("no merge base", "not set", "not an ancestor") and returns stdout.
   */
  git(args: readonly string[], options?: GitOptions): Promise<string>;
  /** Runs git like git(), and returns its stdout as bytes (`cat-file --batch`: sizes are in bytes). */
  gitBytes(args: readonly string[], options?: GitOptions): Promise<Buffer>;
  /**
   * Runs git and hands its stdout over chunk by chunk, as bytes (logs of 100,000 commits); throws like git().
   * Aborting `signal` kills git and rejects with the signal's AbortError.
   */
  gitStream(args: readonly string[], onBytes: (chunk: Buffer) => void, signal?: AbortSignal): Promise<void>;
  /**
   * Runs git like git(), waiting for it: for a hook's one question, where it costs ~2.5 ms less (node makes no
   * streams for the child). Never where other work could run meanwhile.
   */
  gitNow(args: readonly string[]): string;
}

export type Env = Record<string, string | undefined>;

export interface GitOptions {
  /** Kill git and fail after this long (signing may wait for a passphrase). */
  timeoutMs?: number;
  /** Written to git's stdin (batch commands); otherwise stdin is closed at once. */
  input?: string;
}

/** Settings of the user's that would write into output trunk parses: log.showSignature prints a signed commit's
 * verification among the records of `git log` and `git show`. */
const OURS = ['-c', 'log.showSignature=false'];

/** Everything git is run with for `args`: the settings that keep its output ours, then `args`. */
export const gitArgv = (args: readonly string[]) => [...OURS, ...args];

/**
 * The environment git runs with: `env` (else this process's), and GIT_FLUSH=0. Writing to a pipe, git flushes its
 * output after every record (a commit of `git log`, a line of rev-list), which node then reads one by one: 100,000
 * commits of `git log` came in 50,000 reads, taking 0.33 s, against 0.11 to 0.18 s in blocks. Nothing trunk runs
 * answers git's output back: it writes git's input whole first.
 */
const gitEnv = (env?: Env): Env => ({ ...(env ?? process.env), GIT_FLUSH: '0' });

/** The command for messages: multi-line arguments (commit messages) shortened to their first line. */
const show = (args: readonly string[]) => args.map((a) => (a.includes('\n') ? `"${a.split('\n')[0]}…"` : a)).join(' ');

/** The error of git's non-zero `exit`, or null where the exit is an answer (nothing on stderr). */
function failed(cwd: string, args: readonly string[], exit: number | null, stderr: string, why: string) {
  const text = stderr.trim();
  if (/not a git repository/i.test(text)) return errors.notARepo(cwd);
  if (text === '' && exit !== null) return null;
  return errors.gitFailed(show(args), new Error(text || why));
}

function runGit(cwd: string, args: readonly string[], env?: Env, options?: GitOptions): Promise<string>;
function runGit(
  cwd: string,
  args: readonly string[],
  env: Env | undefined,
  options: GitOptions,
  encoding: 'buffer',
): Promise<Buffer>;
function runGit(
  cwd: string,
  args: readonly string[],
  env?: Env,
  { timeoutMs, input }: GitOptions = {},
  encoding: 'utf8' | 'buffer' = 'utf8',
): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    const git = child().execFile(
      'git',
      gitArgv(args),
      { cwd, env: gitEnv(env), maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs, encoding },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (err.killed)
          return reject(
            errors.gitFailed(show(args), new Error(`no answer after ${timeoutMs} ms (waiting for a passphrase?)`)),
          );
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(errors.gitMissing());
        const failure = failed(cwd, args, typeof err.code === 'number' ? err.code : null, `${stderr}`, err.message);
        return failure ? reject(failure) : resolve(stdout);
      },
    );
    // Nothing is ever typed into git: a prompt fails instead of waiting. git may exit before reading its input.
    git.stdin?.on('error', () => {});
    if (input === undefined) git.stdin?.end();
    else git.stdin?.end(input);
  });
}

/** What a finished git process for `args` answers, as gitNow() gives it: its stdout, or the error it explains. */
export function answer(
  cwd: string,
  args: readonly string[],
  exit: number | null,
  stdout: string,
  stderr: string,
  why = `exit code ${exit}`,
): string {
  if (exit === 0) return stdout;
  const failure = failed(cwd, args, exit, stderr, why);
  if (failure) throw failure;
  return stdout;
}

function gitNow(cwd: string, args: readonly string[], env?: Env): string {
  const run = child().spawnSync('git', gitArgv(args), {
    cwd,
    env: gitEnv(env),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: 'pipe',
  });
  if (run.error)
    throw (run.error as NodeJS.ErrnoException).code === 'ENOENT'
      ? errors.gitMissing()
      : errors.gitFailed(show(args), run.error);
  return answer(cwd, args, run.status, run.stdout, run.stderr, `exit code ${run.status ?? run.signal}`);
}

function streamGit(
  cwd: string,
  args: readonly string[],
  onBytes: (chunk: Buffer) => void,
  env?: Env,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const git = child().spawn('git', gitArgv(args), {
      cwd,
      env: gitEnv(env),
      signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    git.stdout.on('data', onBytes);
    git.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    git.on('error', (err) => reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? errors.gitMissing() : err));
    git.on('close', (code) =>
      signal?.aborted
        ? reject(signal.reason)
        : code === 0
          ? resolve()
          : reject(errors.gitFailed(show(args), new Error(stderr.trim() || `exit code ${code}`))),
    );
  });
}

const bind = (root: string, gitDir: string, commonDir: string, env?: Env): Repo => ({
  root,
  gitDir,
  commonDir,
  git: (args, options) => runGit(root, args, env, options),
  gitBytes: (args, options) => runGit(root, args, env, options ?? {}, 'buffer'),
  gitStream: (args, onBytes, signal) => streamGit(root, args, onBytes, env, signal),
  gitNow: (args) => gitNow(root, args, env),
});

const revParse = async (cwd: string, args: string[], env?: Env) =>
  (await runGit(cwd, ['rev-parse', ...args], env)).split('\n').map((line) => line.trim());

/** Variables that move the repository or its work tree away from where git's discovery would find them. */
const RELOCATING = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR'];

/**
 * The first place git's own discovery looks: a `.git` directory in `cwd`, which is then the work tree's top (git runs
 * hooks there). A linked worktree or submodule (`.git` is a file) and a relocating variable go through rev-parse.
 * This saves a git process on every hook.
 */
function topHere(cwd: string, env: Env): string | null {
  if (RELOCATING.some((name) => env[name])) return null;
  if (!statSync(join(cwd, '.git'), { throwIfNoEntry: false })?.isDirectory()) return null;
  return realpathSync(cwd); // as rev-parse --show-toplevel gives it
}

/** Opens the repository containing `cwd`; `env`, when given, replaces the environment git runs with. */
export async function openRepo(cwd: string, env?: Env): Promise<Repo> {
  const top = topHere(cwd, env ?? process.env);
  if (top) return bind(top, join(top, '.git'), join(top, '.git'), env);
  const [gitDir, commonDir, root] = await revParse(
    cwd,
    ['--absolute-git-dir', '--path-format=absolute', '--git-common-dir', '--show-toplevel'],
    env,
  );
  if (!root) throw errors.notARepo(cwd);
  return bind(root, gitDir, commonDir, env);
}

/** Opens a bare repository (a git server's, which has no work tree); its git dir stands in for the root. */
export async function openBareRepo(cwd: string, env?: Env): Promise<Repo> {
  const [bare, gitDir, commonDir] = await revParse(
    cwd,
    ['--is-bare-repository', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir'],
    env,
  );
  if (bare !== 'true') throw errors.notBare(cwd);
  return bind(gitDir, gitDir, commonDir, env);
}

/** Splits git output into non-empty lines. */
export const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/** remote.origin.url, or null when there is no origin. */
export const originUrl = async (repo: Repo): Promise<string | null> =>
  (await repo.git(['config', '--get', 'remote.origin.url'])).trim() || null;

/** The name of every tag in the repository. */
export const tagNames = async (repo: Repo): Promise<string[]> => lines(await repo.git(['tag', '--list']));

/** Who git says commits here, "Name <email>" (user.name and user.email, or GIT_COMMITTER_NAME and _EMAIL). */
export const committer = async (repo: Repo): Promise<string> =>
  (await repo.git(['var', 'GIT_COMMITTER_IDENT'])).trim().replace(/ \d+ [+-]\d{4}$/, '');
