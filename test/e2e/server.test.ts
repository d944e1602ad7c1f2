import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, remoteSha, run, tempDir, TRUNK, type Repo } from '../helpers/repo.js';
import { hookedServer, type HookedServer } from '../helpers/server.js';

const test = suite('pre-receive on a git server');
let repo: Repo;
let hooked: HookedServer;
const serverRefs = () => hooked.refs();
const push = (...args: string[]) => hooked.push(...args);

test.before.each(async () => {
  hooked = await hookedServer();
  repo = hooked.repo;
});

test('a --no-verify commit pushed straight to main is rejected, and the server is unchanged', async () => {
  const before = await serverRefs();
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'fix: straight to main');
  const r = await push('main');
  assert.is(r.code, 1);
  assert.match(r.stderr, '! [remote rejected] main -> main (pre-receive hook declined)');
  assert.match(r.stderr, 'remote: trunk: Pushing 1 commit made directly on main is not allowed');
  assert.is(await serverRefs(), before);
});

test('a push cannot loosen the rules that judge it: the policy is read from main before the push', async () => {
  repo.write('trunk.config.json', JSON.stringify({ protectTrunk: false, branches: ['**'] }));
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-am', 'chore: loosen the rules');
  const r = await push('main');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'made directly on main is not allowed');
});

test('feature branches and their merges are accepted; other branch names are not', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: a');
  assert.is((await push('feature/a')).code, 0);
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/a'", 'feature/a');
  const merged = await push('--atomic', 'main', 'v1.0.0');
  assert.is(merged.code, 0, merged.stderr);
  assert.is(await remoteSha(repo, 'refs/heads/main'), await repo.sha());
  await repo.git('branch', 'wip');
  const wip = await push('wip');
  assert.is(wip.code, 1);
  assert.match(wip.stderr, 'Branch "wip" may not be created or updated here');
  assert.is(await remoteSha(repo, 'refs/heads/wip'), '');
});

test('commit messages are linted on the server', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'quick fix');
  const r = await push('feature/a');
  assert.is(r.code, 1);
  assert.match(r.stderr, '"quick fix": subject may not be empty; type may not be empty');
  assert.is(await remoteSha(repo, 'refs/heads/feature/a'), '');
});

test('release tags cannot be moved or deleted on the server', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: a');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/a'", 'feature/a');
  await push('--atomic', 'main', 'v1.0.0');
  const before = await serverRefs();
  await repo.git('tag', '-f', '-a', 'v1.0.0', '-m', 'moved', 'HEAD~1');
  const moved = await push('--force', 'v1.0.0');
  assert.is(moved.code, 1);
  assert.match(moved.stderr, 'Moving release tag v1.0.0');
  const deleted = await push('--delete', 'v1.0.0');
  assert.is(deleted.code, 1);
  assert.match(deleted.stderr, 'Deleting release tag v1.0.0');
  assert.is(await serverRefs(), before);
});

test('server install refuses a non-bare path, and a hook that is not its own unless --force', async () => {
  const clone = await initRepo();
  const notBare = await run(process.execPath, [TRUNK, 'server', 'install', clone.dir], { cwd: clone.dir });
  assert.is(notBare.code, 2);
  assert.match(notBare.stderr, 'is not a bare repository');
  const other = tempDir('other.git');
  await run('git', ['init', '-q', '--bare', other], { cwd: other });
  writeFileSync(join(other, 'hooks/pre-receive'), '#!/bin/sh\nexit 0\n');
  const taken = await run(process.execPath, [TRUNK, 'server', 'install', other], { cwd: other });
  assert.is(taken.code, 2);
  assert.match(taken.stderr, "already exists and is not trunk-init's");
  assert.is((await run(process.execPath, [TRUNK, 'server', 'install', other, '--force'], { cwd: other })).code, 0);
});

test.run();
