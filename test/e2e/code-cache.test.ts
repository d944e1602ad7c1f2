// The hooks' compile cache (src/cli/code-cache.ts), through real commits and the shims trunk-init installs: it holds
// the files of dist/ the hooks loaded, V8's rejection of a damaged entry only costs a compile, what other node
// versions, builds or file versions left is dropped, and a file of dist/ changed in place never runs its old code.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, PROJECT, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('code cache: the hooks compile dist/ from the code V8 compiled the last time');

let repo: Repo;
const caches = () => join(repo.dir, '.git/trunk-init/code-cache');
/** The cache of this node and build, the one directory there. */
const cache = () => {
  const dirs = readdirSync(caches());
  assert.equal(dirs.length, 1, `one cache: ${dirs.join(' ')}`);
  assert.ok(dirs[0].startsWith(`${process.version}-${process.arch}-`), dirs[0]);
  return join(caches(), dirs[0]);
};
const entries = () => readdirSync(cache()).sort();
const entryOf = (file: string) => entries().find((name) => name.startsWith(`${file}@`));

test.before.each(async () => {
  repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
});

test('a commit caches the one file each hook runs, and the files its first config load needed; the next use them', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  const cached = entries();
  for (const hook of ['hook-pre-commit.cjs', 'hook-commit-msg.cjs'])
    assert.ok(entryOf(hook), `${hook} is cached: ${cached.join(' ')}`);
  const dist = readdirSync(join(PROJECT, 'dist'));
  assert.ok(
    cached.every((name) => dist.includes(name.slice(0, name.lastIndexOf('@')))),
    'every entry is a file of dist/, at a time',
  );
  const before = cached.map((name) => readFileSync(join(cache(), name)));
  const second = await repo.commit('fix: second');
  assert.is(second.code, 0, second.stderr);
  assert.equal(entries(), cached, 'nothing new to compile');
  assert.equal(
    cached.map((name) => readFileSync(join(cache(), name))),
    before,
    'entries V8 took are not written again',
  );
});

test('a damaged entry is rejected by V8, compiled and written again; other node versions and builds go', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  const hook = entryOf('hook-commit-msg.cjs')!;
  writeFileSync(join(cache(), hook), 'not code V8 wrote');
  const otherNode = join(caches(), 'v0.0.0-x64-0000000000000000');
  mkdirSync(otherNode);
  writeFileSync(join(otherNode, hook), 'left by another node or build');

  const refused = await repo.commit('Not a conventional commit');
  assert.is(refused.code, 1, 'the hook judged with the damaged entry in place');
  assert.match(refused.stderr, 'Commit message "Not a conventional commit" is refused');
  assert.not.equal(readFileSync(join(cache(), hook), 'utf8'), 'not code V8 wrote');
  assert.ok(!existsSync(otherNode));
  assert.is((await repo.commit('fix: accepted')).code, 0);
});

/** A copy of trunk-init's hooks/ and dist/ for `repo` to run, every file at the one time npm gives what it installs. */
function ownCopy(): string {
  const pkg = tempDir('trunk-init');
  for (const dir of ['hooks', 'dist']) cpSync(join(PROJECT, dir), join(pkg, dir), { recursive: true });
  for (const file of readdirSync(join(pkg, 'dist'))) utimesSync(join(pkg, 'dist', file), NPM_TIME, NPM_TIME);
  rmSync(join(repo.dir, 'node_modules'));
  mkdirSync(join(repo.dir, 'node_modules/@commitlint'), { recursive: true });
  symlinkSync(pkg, join(repo.dir, 'node_modules/trunk-init'));
  symlinkSync(join(PROJECT, 'node_modules/husky'), join(repo.dir, 'node_modules/husky'));
  const preset = '@commitlint/config-conventional';
  symlinkSync(join(PROJECT, 'node_modules', preset), join(repo.dir, 'node_modules', preset));
  return pkg;
}
const NPM_TIME = new Date('1985-10-26T08:15:00Z');
const REFUSAL = 'it is not a Conventional Commit';
const CHANGED = 'IT IS NOT A CONVENTIONAL COMMIT';

test('a file of dist/ changed in place runs as it is now, edited or another build; V8 alone would run its old code', async () => {
  const pkg = ownCopy();
  const bundle = join(pkg, 'dist/hook-commit-msg.cjs');
  const hookBin = join(pkg, 'dist/hook.cjs');
  // Refused first, so the cached code holds the function that words the refusal.
  assert.match((await repo.commit('Not conventional')).stderr, REFUSAL);
  const original = readFileSync(bundle, 'utf8');
  const changed = original.replace(REFUSAL, CHANGED);
  assert.is(changed.length, original.length);

  // As a next version's file is: same length, the same time of npm's, and the build's hash in hook.cjs is new.
  writeFileSync(bundle, changed);
  utimesSync(bundle, NPM_TIME, NPM_TIME);
  const before = cache();
  const stale = await repo.commit('Not conventional');
  assert.match(stale.stderr, REFUSAL, 'control: with the build hash unchanged, V8 takes the entry and runs old code');
  const bin = readFileSync(hookBin, 'utf8');
  const hash = /-([0-9a-f]{16})`/.exec(bin)![1];
  writeFileSync(hookBin, bin.replace(hash, [...hash].reverse().join('')));
  const upgraded = await repo.commit('Not conventional');
  assert.match(upgraded.stderr, CHANGED);
  assert.ok(!existsSync(before), 'the old build’s cache is gone');

  // Edited by hand or by patch-package: a new modification time.
  writeFileSync(bundle, original);
  const oldEntry = entryOf('hook-commit-msg.cjs');
  const edited = await repo.commit('Not conventional');
  assert.match(edited.stderr, REFUSAL);
  assert.not.ok(edited.stderr.includes(CHANGED));
  assert.ok(entryOf('hook-commit-msg.cjs') !== oldEntry && !entries().includes(oldEntry!), 'one entry per file');
});

test('half an install, a hook’s own file missing: the commit fails with exit 2 and says what to do', async () => {
  const pkg = ownCopy();
  rmSync(join(pkg, 'dist/hook-pre-commit.cjs'));
  const r = await repo.commit('feat: first');
  assert.is.not(r.code, 0);
  assert.match(
    r.stderr,
    `trunk: ${join(pkg, 'dist/hook-pre-commit.cjs')} is missing, so the pre-commit check cannot run`,
  );
  assert.match(r.stderr, 'Fix: npm install');
  assert.match(r.stderr, 'failed (code 2)', 'an error, not a refusal');
  assert.not.match(r.stderr, 'at Module', 'no stack');
});

test.run();
