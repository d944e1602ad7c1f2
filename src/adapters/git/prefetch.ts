// A commit's hooks ask git one question each (pre-commit its lineage log, commit-msg core.commentChar), and that
// git process is about 5 ms of the hook, while node's start leaves the shim idle for 20. So the shim asks it
// meanwhile (hooks/lib.sh, trunk_prefetch): it runs the question this hook asked last time, recorded here in
// <common dir>/trunk-init/<hook>.prefetch (git's arguments, one a line), and pipes to the hook's stdin the
// arguments it ran, git's stdout, exit status and stderr, each ended by a NUL but the last. The hook takes that answer
// only for the very question it asks now; otherwise it asks git itself and records its question for the next run.
// A stale or forged file costs a git process, never a wrong answer.
import { fstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../files/replace.js';
import { answer, gitArgv, type Repo } from './repo.js';

/** The hooks whose shim prefetches: they get no stdin from git, so it can carry the answer. */
export type PrefetchingHook = 'pre-commit' | 'commit-msg';

interface Prefetched {
  /** The arguments the shim ran git with, each followed by a newline. */
  question: string;
  stdout: string;
  exit: number;
  stderr: string;
}

/** What the shim piped in (it sets TRUNK_PREFETCHED=1), or null when there is none or it is not whole. */
function readPrefetched(): Prefetched | null {
  if (process.env.TRUNK_PREFETCHED !== '1') return null;
  delete process.env.TRUNK_PREFETCHED; // not for the processes the hook starts
  let text: string;
  try {
    if (fstatSync(0).isCharacterDevice()) return null; // a terminal: nothing was piped in
    text = readFileSync(0, 'utf8');
  } catch {
    return null;
  }
  const questionEnd = text.indexOf('\0');
  const stderrStart = text.lastIndexOf('\0') + 1;
  const exitStart = text.lastIndexOf('\0', stderrStart - 2) + 1;
  const exit = text.slice(exitStart, stderrStart - 1);
  if (questionEnd < 0 || exitStart <= questionEnd + 1 || !/^\d+$/.test(exit)) return null;
  return {
    question: text.slice(0, questionEnd),
    stdout: text.slice(questionEnd + 1, exitStart - 1),
    exit: Number(exit),
    stderr: text.slice(stderrStart),
  };
}

/** Writes `question` to `file` unless it is there already; a read-only git dir only loses the head start. */
function record(file: string, question: string): void {
  try {
    if (readFileSync(file, 'utf8') === question) return;
  } catch {}
  try {
    replaceFile(file, question);
  } catch {}
}

/** `repo`, whose first gitNow() takes the shim's answer when it is to that question, and records the question. */
export function withPrefetch(repo: Repo, hook: PrefetchingHook): Repo {
  const prefetched = readPrefetched();
  let asked = false;
  return {
    ...repo,
    gitNow(args) {
      if (asked) return repo.gitNow(args);
      asked = true;
      const argv = gitArgv(args);
      // One argument a line: an argument holding a newline cannot be recorded (no branch or setting name can).
      if (argv.some((arg) => /[\n\0]/.test(arg))) return repo.gitNow(args);
      const question = argv.map((arg) => `${arg}\n`).join('');
      if (prefetched?.question === question)
        return answer(repo.root, args, prefetched.exit, prefetched.stdout, prefetched.stderr);
      record(join(repo.commonDir, 'trunk-init', `${hook}.prefetch`), question);
      return repo.gitNow(args);
    },
  };
}
