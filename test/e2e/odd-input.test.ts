// Odd but legal input: huge and non-UTF-8 messages, a changelog that cannot be read, git's own hook environment.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('odd input');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo({ remote: true });
  await repo.git('switch', '-q', '-c', 'feature/odd');
});

test('a 1 MB message body is linted and pushed like any other: a good header passes, a bad one is refused', async () => {
  const body = Array.from({ length: 25_000 }, (_, i) => `line ${i} of a generated manifest listing`).join('\n');
  assert.ok(body.length > 1_000_000);
  const head = await repo.sha();
  repo.write('msg.txt', `Imported the generated manifests\n\n${body}\n`);
  const bad = await repo.gitResult('commit', '-q', '--allow-empty', '-F', 'msg.txt');
  assert.is(bad.code, 1, bad.stderr.slice(0, 500));
  assert.match(bad.stderr, 'type may not be empty');
  assert.is(await repo.sha(), head);
  repo.write('msg.txt', `feat: import the generated manifests\n\n${body}\n`);
  const r = await repo.gitResult('commit', '-q', '--allow-empty', '-F', 'msg.txt');
  assert.is(r.code, 0, r.stderr.slice(0, 500));
  assert.is(
    (await repo.git('log', '-1', '--format=%B')).length,
    repo.read('msg.txt').trimEnd().length,
    'the whole body is committed',
  );
  const push = await repo.gitResult('push', 'origin', 'feature/odd');
  assert.is(push.code, 0, push.stderr.slice(0, 500));
});

test('messages in latin1 (i18n.commitEncoding) are judged, not crashed on', async () => {
  await repo.git('config', 'i18n.commitEncoding', 'latin1');
  const message = Buffer.from('feat: caf\xe9 cr\xe8me\n', 'latin1');
  writeFileSync(join(repo.dir, 'msg.txt'), message);
  const good = await repo.gitResult('commit', '-q', '--allow-empty', '-F', 'msg.txt');
  assert.is(good.code, 0, good.stderr);
  writeFileSync(join(repo.dir, 'msg.txt'), Buffer.from('Caf\xe9 fix\n', 'latin1'));
  const bad = await repo.gitResult('commit', '-q', '--allow-empty', '-F', 'msg.txt');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'type may not be empty');
  assert.is((await repo.gitResult('push', 'origin', 'feature/odd')).code, 0);
});

test('GIT_DIR and GIT_WORK_TREE set, as git sets them inside hooks and scripts', async () => {
  const r = await repo.gitWith(
    { GIT_DIR: join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir },
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'feat: with git env',
  );
  assert.is(r.code, 0, r.stderr);
  const refused = await repo.gitWith(
    { GIT_DIR: join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir },
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'nope',
  );
  assert.is(refused.code, 1);
});

test('a changelog that cannot be read stops the release with its name, and changes nothing', async () => {
  repo.write(
    'trunk.config.json',
    JSON.stringify({ release: { onMerge: 'off' }, changelog: { file: 'docs/CHANGELOG.md' } }),
  );
  await repo.git('commit', '-qam', 'chore: changelog in docs', '--no-verify');
  await repo.commit('feat: a');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/odd'", 'feature/odd');
  mkdirSync(join(repo.dir, 'docs/CHANGELOG.md'), { recursive: true }); // a directory where the file should be
  const head = await repo.sha();
  const r = await repo.trunk(['release']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'docs/CHANGELOG.md is not a regular file');
  assert.not.match(r.stderr, 'internal error');
  assert.is(await repo.sha(), head);
  assert.is(await repo.git('tag', '--list'), '');
});

test('a trunk named "trunk": commits on it are refused, feature branches cut from it work', async () => {
  await repo.git('switch', '-q', 'main');
  await repo.git('branch', '-m', 'main', 'trunk');
  repo.write('trunk.config.json', JSON.stringify({ trunk: 'trunk' }));
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-qam', 'chore: the trunk is called trunk');
  const onTrunk = await repo.commit('feat: straight on the trunk');
  assert.is(onTrunk.code, 1);
  assert.match(onTrunk.stderr, 'Committing directly on trunk is not allowed');
  await repo.git('reset', '-q');
  await repo.git('switch', '-q', '-c', 'feature/t');
  assert.is((await repo.commit('feat: on a branch')).code, 0);
});

test('a repository with a submodule: the parent’s commits are judged, the submodule is left alone', async () => {
  const sub = await makeRepo();
  const r = await repo.gitWith(
    { GIT_ALLOW_PROTOCOL: 'file' },
    '-c',
    'protocol.file.allow=always',
    'submodule',
    'add',
    '-q',
    sub.dir,
    'vendor/sub',
  );
  assert.is(r.code, 0, r.stderr);
  const ok = await repo.gitResult('commit', '-q', '-m', 'build: vendor the sub repository');
  assert.is(ok.code, 0, ok.stderr);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'build: vendor the sub repository');
  const bad = await repo.gitResult('commit', '-q', '--allow-empty', '-m', 'vendored');
  assert.is(bad.code, 1);
});

test.run();
