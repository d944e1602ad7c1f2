// pre-commit and commit-msg ask git one question each; the shim asks it while node starts (hooks/lib.sh,
// trunk_prefetch) and the hook takes that answer only for the very question it asks (src/adapters/git/prefetch.ts).
// Here through the real shim and through answers written by hand: taken, it spares the hook its git process; stale,
// torn or forged, it is not taken, and the verdict is the one the hook gets by asking git itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanEnv, makeRepo, PROJECT, tempDir, TRUNK, type Repo } from '../helpers/repo.js';

const test = suite('prefetch: the shim asks the hook’s git question while node starts');

const LIB = join(PROJECT, 'hooks/lib.sh');
const GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const COMMENT_CHAR = ['-c', 'log.showSignature=false', 'config', '--get', 'core.commentChar'];

/** A PATH whose git logs the name of the process that started it (the shim's sh, or node) to `calls`. */
function loggingGit(calls: string): string {
  const bin = tempDir('bin');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\ncat /proc/$PPID/comm >>'${calls}'\nexec '${GIT}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('.git/MSG', '; a comment, if ";" starts comments\nfeat: add the ingress\n');
  repo.write('.git/OK', 'feat: add the ingress\n');
});

/** trunk_check from the shim, as husky's block runs it, with node named (hooks' PATH may lack it). */
function shim(hook: string, args: string[], env: Record<string, string> = {}, cwd = repo.dir) {
  return spawnSync('sh', ['-c', 'lib=$0; . "$lib"; trunk_check "$@"', LIB, hook, ...args], {
    cwd,
    env: cleanEnv({ TRUNK_NODE: process.execPath, ...env }),
    encoding: 'utf8',
  });
}

/** The hook, fed `input` as the shim's answer. */
function fed(hook: string, args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [TRUNK, 'hook', hook, ...args], {
    cwd: repo.dir,
    env: cleanEnv({ TRUNK_PREFETCHED: '1', ...env }),
    input,
    encoding: 'utf8',
  });
}

const answer = (question: string[], stdout: string, exit: number, stderr = '') =>
  `${question.map((arg) => `${arg}\n`).join('')}\0${stdout}\0${exit}\0${stderr}`;
const recorded = (hook: string) => join(repo.dir, '.git/trunk-init', `${hook}.prefetch`);

test('a commit records each hook’s question; the next hooks take the shim’s answers and run no git themselves', async () => {
  const first = await repo.commit('feat: first');
  assert.is(first.code, 0, first.stderr);
  assert.is(readFileSync(recorded('commit-msg'), 'utf8'), COMMENT_CHAR.map((arg) => `${arg}\n`).join(''));
  assert.match(readFileSync(recorded('pre-commit'), 'utf8'), /\nrefs\/heads\/main\.\.\.HEAD\n$/);
  for (const [hook, args] of [
    ['pre-commit', []],
    ['commit-msg', ['.git/OK']],
  ] as const) {
    const calls = join(tempDir('calls'), 'log');
    const r = shim(hook, [...args], { PATH: loggingGit(calls) });
    assert.is(r.status, 0, r.stderr);
    assert.equal(readFileSync(calls, 'utf8').trim().split('\n'), ['sh'], `${hook}: only the shim asked git`);
  }
});

test('the answer is to the question asked now: core.commentChar set since the last commit counts', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  assert.is(shim('commit-msg', ['.git/MSG']).status, 1, 'with "#" comments, the ";" line is the header');
  await repo.git('config', 'core.commentChar', ';');
  const r = shim('commit-msg', ['.git/MSG']);
  assert.is(r.status, 0, r.stderr);
});

test('an answer taken needs no git at all; one to another question is not taken, and the right one is recorded', () => {
  const noGit = { PATH: tempDir('empty-path') };
  const taken = fed('commit-msg', ['.git/MSG'], answer(COMMENT_CHAR, ';\n', 0), noGit);
  assert.is(taken.status, 0, taken.stderr);
  const other = [...COMMENT_CHAR.slice(0, -1), 'core.commentchar'];
  const forged = fed('commit-msg', ['.git/MSG'], answer(other, ';\n', 0));
  assert.is(forged.status, 1, 'git was asked: no comment character is set, so "#" starts comments');
  assert.match(forged.stderr, 'Commit message "; a comment, if ";" starts comments" is refused');
  assert.is(readFileSync(recorded('commit-msg'), 'utf8'), COMMENT_CHAR.map((arg) => `${arg}\n`).join(''));
});

test('a failure git explained in the answer is the hook’s error, as if it had asked git', () => {
  const r = fed(
    'commit-msg',
    ['.git/MSG'],
    answer(COMMENT_CHAR, '', 128, 'fatal: bad config line 3 in file .git/config'),
    { PATH: tempDir('empty-path') },
  );
  assert.is(r.status, 2);
  assert.match(r.stderr, 'fatal: bad config line 3 in file .git/config');
  assert.not.match(r.stderr, 'internal error');
});

test('a torn answer (the shim stopped midway) or a bare TRUNK_PREFETCHED is ignored: the hook asks git', () => {
  for (const input of [COMMENT_CHAR.map((arg) => `${arg}\n`).join('') + '\0;\n', '', 'garbage'])
    assert.is(fed('commit-msg', ['.git/MSG'], input).status, 1, JSON.stringify(input));
});

test('pre-commit: the shim’s answer gives the verdict asking git gives (a stacked branch), and a renamed trunk is re-asked', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  await repo.git('switch', '-q', '-c', 'feature/b');
  const direct = await repo.trunk(['hook', 'pre-commit']);
  const viaShim = shim('pre-commit', []);
  assert.is(direct.code, 1);
  assert.is(viaShim.status, 1);
  assert.is(viaShim.stderr, direct.stderr);
  assert.match(viaShim.stderr, 'is stacked on "feature/a"');

  await repo.git('branch', '-m', 'main', 'trunk');
  repo.write('trunk.config.json', `${JSON.stringify({ trunk: 'trunk' })}\n`);
  const renamed = shim('pre-commit', []);
  assert.is(renamed.status, 1, renamed.stderr);
  assert.match(renamed.stderr, 'is stacked on "feature/a", which is not merged into trunk yet');
  assert.match(readFileSync(recorded('pre-commit'), 'utf8'), /\nrefs\/heads\/trunk\.\.\.HEAD\n$/);
});

test('no head start where .git is not the git dir (a linked worktree): the hook asks git and judges', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  const tree = join(tempDir('worktree'), 'wt');
  await repo.git('worktree', 'add', '-q', '-b', 'feature/wt', tree, 'main');
  symlinkSync(join(repo.dir, 'node_modules'), join(tree, 'node_modules'));
  writeFileSync(join(tree, 'MSG'), 'Not conventional\n');
  const calls = join(tempDir('calls'), 'log');
  const r = shim('commit-msg', ['MSG'], { PATH: loggingGit(calls) }, tree);
  assert.is(r.status, 1);
  assert.match(r.stderr, 'Commit message "Not conventional" is refused');
  assert.not.match(readFileSync(calls, 'utf8'), 'sh', 'the shim asked nothing');
});

test.run();
