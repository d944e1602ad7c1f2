import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, remoteSha, type Repo } from '../helpers/repo.js';

const test = suite('pre-push hook');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo({ remote: true });
});

/** A feature branch with one commit, merged into main with `mode`. */
async function mergeFeature(name: string, mode: '--no-ff' | '--ff-only') {
  await repo.git('switch', '-q', '-c', name, 'main');
  await repo.commit(`feat: ${name.replace('feature/', '')}`);
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', mode, ...(mode === '--no-ff' ? ['-m', `Merge branch '${name}'`] : []), name);
}

test('catches a --no-verify commit on main at push; the remote is unchanged and the commit is kept', async () => {
  const before = await remoteSha(repo, 'refs/heads/main');
  repo.write('hot.yaml', 'x\n');
  await repo.git('add', 'hot.yaml');
  await repo.git('commit', '-q', '--no-verify', '-m', 'fix: hotfix straight on main');
  const local = await repo.sha();
  const r = await repo.gitResult('push', 'origin', 'main');
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    `Pushing 1 commit made directly on main is not allowed: changes reach main through merged branches.\n  ${local.slice(0, 7)} fix: hotfix straight on main\n`,
  );
  assert.match(r.stderr, 'git branch feature/<name> && git reset --keep origin/main');
  assert.is(await remoteSha(repo, 'refs/heads/main'), before);
  assert.is(await repo.sha(), local);
});

test('lets merged feature branches reach main: merge commits and fast-forwards', async () => {
  await mergeFeature('feature/a', '--no-ff');
  await mergeFeature('feature/b', '--ff-only');
  const r = await repo.gitResult('push', 'origin', 'main');
  assert.is(r.code, 0, r.stderr);
  assert.is(await remoteSha(repo, 'refs/heads/main'), await repo.sha('main'));
});

test('refuses deleting main on the remote', async () => {
  const r = await repo.gitResult('push', 'origin', '--delete', 'main');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Deleting main on origin is not allowed');
  assert.ok(await remoteSha(repo, 'refs/heads/main'));
});

test('release tags: pushed once with their release commit, never moved or deleted', async () => {
  await mergeFeature('feature/a', '--no-ff'); // the post-merge hook releases v1.0.0
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
  const pushed = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.0.0');
  assert.is(pushed.code, 0, pushed.stderr);
  const published = await remoteSha(repo, 'refs/tags/v1.0.0');

  await mergeFeature('feature/b', '--no-ff');
  await repo.git('push', '-q', '--atomic', 'origin', 'main', 'v1.1.0');
  await repo.git('tag', '-f', '-a', 'v1.0.0', '-m', 'moved');
  const moved = await repo.gitResult('push', '--force', 'origin', 'v1.0.0');
  assert.is(moved.code, 1);
  assert.match(moved.stderr, 'Moving release tag v1.0.0 on origin is not allowed');
  assert.match(moved.stderr, 'git fetch --force origin tag v1.0.0');

  const deleted = await repo.gitResult('push', 'origin', '--delete', 'v1.0.0');
  assert.is(deleted.code, 1);
  assert.match(deleted.stderr, 'Deleting release tag v1.0.0 on origin is not allowed');
  assert.is(await remoteSha(repo, 'refs/tags/v1.0.0'), published);
});

test('refuses release-looking tags that are not semver, or not on main; other tags pass', async () => {
  await repo.git('tag', 'v1.0');
  const short = await repo.gitResult('push', 'origin', 'v1.0');
  assert.is(short.code, 1);
  assert.match(short.stderr, 'Tag v1.0 looks like a release but is not "v" followed by a semver version');

  await repo.git('switch', '-q', '-c', 'feature/x');
  await repo.commit('feat: x');
  await repo.git('tag', '-a', 'v2.0.0', '-m', 'v2.0.0');
  const off = await repo.gitResult('push', 'origin', 'v2.0.0');
  assert.is(off.code, 1);
  assert.match(off.stderr, 'Release tag v2.0.0 points at');
  assert.match(off.stderr, 'which is not on main');

  await repo.git('tag', 'v3.0.0', 'HEAD^{tree}');
  const tree = await repo.gitResult('push', 'origin', 'v3.0.0');
  assert.is(tree.code, 1);
  assert.match(tree.stderr, 'which is not a commit', tree.stderr);

  await repo.git('tag', 'deploy-123');
  assert.is((await repo.gitResult('push', 'origin', 'deploy-123')).code, 0);
  assert.is(await remoteSha(repo, 'refs/tags/v2.0.0'), '');
});

test('a hand-made release tag may travel with the merge that puts its commit on main', async () => {
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' } }));
  await mergeFeature('feature/a', '--no-ff');
  await repo.git('tag', '-a', 'v1.1.0', '-m', 'v1.1.0');
  const r = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.1.0');
  assert.is(r.code, 0, r.stderr);
});

test('lints every commit the remote does not have, listing each offending sha', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: fine');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'WIP');
  const bad = (await repo.sha()).slice(0, 7);
  const r = await repo.gitResult('push', 'origin', 'feature/a');
  assert.is(r.code, 1);
  assert.match(r.stderr, '1 commit has a message that is not a Conventional Commit');
  assert.match(r.stderr, `${bad} "WIP"`);
  assert.match(r.stderr, 'git rebase -i origin/main');
  assert.is(await remoteSha(repo, 'refs/heads/feature/a'), '');
});

test('commits already on the remote are not judged again', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'legacy message');
  await repo.git('push', '-q', '--no-verify', 'origin', 'feature/a');
  await repo.commit('feat: next');
  const r = await repo.gitResult('push', 'origin', 'feature/a');
  assert.is(r.code, 0, r.stderr);
});

test.run();

const empty = suite('pre-push hook without ref lines');
empty.before.each(async () => {
  repo = await makeRepo({ remote: true });
  await repo.git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'fix: hotfix straight on main');
});

empty('empty stdin from git is an up-to-date push, even while the clone holds commits the remote lacks', async () => {
  const r = await repo.trunk(['hook', 'pre-push', 'origin', 'url'], { input: '' });
  assert.is(r.code, 0, r.stderr);
});

empty(
  'run by pre-commit with no ref named (pre-commit run): refused while there are unpushed commits, naming them',
  async () => {
    const r = await repo.trunk(['hook', 'pre-push'], { input: '', env: { PRE_COMMIT: '1' } });
    assert.is(r.code, 1);
    assert.match(r.stderr, 'the pre-commit framework ran trunk hook pre-push without naming a ref');
    assert.match(
      r.stderr,
      'these refs hold commits origin does not have (by its remote-tracking refs):\n  refs/heads/main\n',
    );
    await repo.git('reset', '-q', '--hard', 'origin/main');
    const clean = await repo.trunk(['hook', 'pre-push'], { input: '', env: { PRE_COMMIT: '1' } });
    assert.is(clean.code, 0, clean.stderr);
  },
);

empty('the ref pre-commit names in its environment is judged like a ref line', async () => {
  const env = {
    PRE_COMMIT: '1',
    PRE_COMMIT_REMOTE_NAME: 'origin',
    PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main',
    PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main',
    PRE_COMMIT_FROM_REF: await repo.sha('origin/main'),
    PRE_COMMIT_TO_REF: await repo.sha(),
  };
  const r = await repo.trunk(['hook', 'pre-push'], { input: '', env });
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Pushing 1 commit made directly on main is not allowed');
});

empty.run();
