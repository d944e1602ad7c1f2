import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('releases under concurrency and crashes');
let repo: Repo;
const lockFile = () => join(repo.dir, '.git/trunk-init/release.lock');

test.before.each(async () => {
  repo = await makeRepo({ remote: true });
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' } }));
  await repo.git('commit', '-qam', 'chore: release by hand', '--no-verify');
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: a');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/a'", 'feature/a');
});

function holdLock(pid: number) {
  mkdirSync(join(repo.dir, '.git/trunk-init'), { recursive: true });
  writeFileSync(lockFile(), JSON.stringify({ pid, host: hostname(), since: '2026-11-28T00:00:00Z' }));
}

test('a release in progress (a live lock) makes another one stop, changing nothing', async () => {
  const owner = spawn('sleep', ['30']);
  holdLock(owner.pid!);
  const head = await repo.sha();
  const r = await repo.trunk(['release']);
  owner.kill();
  assert.is(r.code, 2);
  assert.match(r.stderr, `another release is in progress (pid ${owner.pid}`);
  assert.is(await repo.sha(), head);
  assert.is(await repo.git('tag', '--list'), '');
});

test('a lock left by a crashed run is stale: the next release takes it over and removes it', async () => {
  holdLock(2 ** 22 + 12345); // no such process
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('tag', '--list'), 'v1.0.0');
  assert.ok(!existsSync(lockFile()));
});

test('two releases at once: one tag, one release commit, one changelog section', async () => {
  const results = await Promise.all([repo.trunk(['release']), repo.trunk(['release'])]);
  for (const r of results) assert.ok(r.code === 0 || r.code === 2, r.stderr);
  assert.is(await repo.git('tag', '--list'), 'v1.0.0');
  assert.is((await repo.git('log', '--format=%s')).split('\n').filter((s) => s.startsWith('chore(release):')).length, 1);
  assert.is(repo.read('CHANGELOG.md').match(/^## /gm)!.length, 1);
  assert.is(await repo.git('status', '--porcelain'), '');
});

test('a release interrupted between its commit and its tag is completed by the next run', async () => {
  assert.is((await repo.trunk(['release'])).code, 0);
  await repo.git('tag', '-d', 'v1.0.0'); // as if the process died before tagging
  const commits = await repo.git('rev-list', '--count', 'HEAD');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'completed the interrupted release v1.0.0');
  assert.is(await repo.git('rev-parse', 'v1.0.0^{commit}'), await repo.sha());
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), commits, 'no second release commit');
  assert.match(await repo.git('tag', '-l', '--format=%(contents)', 'v1.0.0'), /^## 1\.0\.0 .*\n\n### Features\n\n\* a /);
});

test('a release commit whose tag exists on origin is fetched, never re-tagged differently', async () => {
  assert.is((await repo.trunk(['release', '--push'])).code, 0);
  await repo.git('tag', '-d', 'v1.0.0');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'v1.0.0 exists on origin but not here');
  assert.match(r.stderr, 'git fetch origin tag v1.0.0');
  assert.is(await repo.git('tag', '--list'), '');
});

test.run();
