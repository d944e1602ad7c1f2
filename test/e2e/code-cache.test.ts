// The hooks' compile cache (src/cli/code-cache.ts), through real commits and the shims trunk-init installs: it holds
// the files of dist/ the hooks loaded, V8's rejection of a damaged entry only costs a compile, and what other node
// versions or bundles left is dropped.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, PROJECT, type Repo } from '../helpers/repo.js';

const test = suite('code cache: the hooks compile dist/ from the code V8 compiled the last time');

let repo: Repo;
let cache: string;
test.before.each(async () => {
  repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  cache = join(repo.dir, '.git/trunk-init/code-cache', `${process.version}-${process.arch}`);
});

const dist = readdirSync(join(PROJECT, 'dist'));
const entries = () => readdirSync(cache).sort();

test('a commit caches the files its hooks loaded, under this node version; the next commits use them', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  const cached = entries();
  for (const hook of ['hook-pre-commit.cjs', 'hook-commit-msg.cjs'])
    assert.ok(
      cached.some((name) => name === hook),
      `${hook}*.cjs is cached: ${cached.join(' ')}`,
    );
  assert.ok(
    cached.every((name) => dist.includes(name)),
    'every entry is a file of dist/',
  );
  const before = cached.map((name) => readFileSync(join(cache, name)));
  const second = await repo.commit('fix: second');
  assert.is(second.code, 0, second.stderr);
  assert.equal(entries(), cached, 'nothing new to compile');
  assert.equal(
    cached.map((name) => readFileSync(join(cache, name))),
    before,
    'entries V8 took are not written again',
  );
});

test('a damaged entry is rejected by V8, compiled and written again; stale entries and other node versions go', async () => {
  assert.is((await repo.commit('feat: first')).code, 0);
  const hook = 'hook-commit-msg.cjs';
  writeFileSync(join(cache, hook), 'not code V8 wrote');
  writeFileSync(join(cache, 'chunk-GONE0000.cjs'), 'left by an older bundle');
  const otherNode = join(cache, '..', 'v0.0.0-x64');
  mkdirSync(otherNode);
  writeFileSync(join(otherNode, hook), 'left by another node');

  const refused = await repo.commit('Not a conventional commit');
  assert.is(refused.code, 1, 'the hook judged with the damaged entry in place');
  assert.match(refused.stderr, 'Commit message "Not a conventional commit" is refused');
  assert.not.equal(readFileSync(join(cache, hook), 'utf8'), 'not code V8 wrote');
  assert.ok(!existsSync(join(cache, 'chunk-GONE0000.cjs')));
  assert.ok(!existsSync(otherNode));
  assert.is((await repo.commit('fix: accepted')).code, 0);
});

test.run();
