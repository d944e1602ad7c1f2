import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('pre-commit hook');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo();
});

test('refuses a commit on main and keeps the staged change; the suggested command then works', async () => {
  const head = await repo.sha();
  const r = await repo.commit('feat: add web', 'apps/web.yaml');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Committing directly on main is not allowed');
  assert.match(r.stderr, 'git switch -c feature/<name>');
  assert.match(r.stderr, 'your staged changes are still staged');
  assert.is(await repo.sha(), head);
  assert.is(await repo.git('diff', '--cached', '--name-only'), 'apps/web.yaml');
  await repo.git('switch', '-q', '-c', 'feature/web');
  const ok = await repo.gitResult('commit', '-q', '-m', 'feat: add web');
  assert.is(ok.code, 0, ok.stderr);
  assert.is(await repo.git('show', '--name-only', '--format=', 'HEAD'), 'apps/web.yaml');
});

test('allows commits on a feature branch cut from main', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  const r = await repo.commit('feat: add a');
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'feat: add a');
});

test('refuses a branch outside the patterns, naming them', async () => {
  await repo.git('switch', '-q', '-c', 'wip');
  const r = await repo.commit('feat: add a');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Branch "wip" may not receive commits: branch names must match "feature/*"');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test('refuses a branch stacked on an unmerged branch; allows it once that branch is merged', async () => {
  await repo.git('switch', '-q', '-c', 'feature/base');
  await repo.commit('feat: base');
  await repo.git('switch', '-q', '-c', 'feature/top');
  const r = await repo.commit('feat: top', 'top.yaml');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Branch "feature/top" is stacked on "feature/base"');
  assert.match(r.stderr, 'git rebase --onto main feature/base');
  assert.is(await repo.git('diff', '--cached', '--name-only'), 'top.yaml');
  await repo.git('stash', '-q');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/base'", 'feature/base');
  await repo.git('switch', '-q', 'feature/top');
  await repo.git('stash', 'pop', '-q', '--index');
  const after = await repo.gitResult('commit', '-q', '-m', 'feat: top');
  assert.is(after.code, 0, after.stderr);
});

test("a branch's own copy on the remote is not a base it is stacked on", async () => {
  const remoteRepo = await makeRepo({ remote: true });
  await remoteRepo.git('switch', '-q', '-c', 'feature/a');
  await remoteRepo.commit('feat: one');
  await remoteRepo.git('push', '-q', '-u', 'origin', 'feature/a');
  const r = await remoteRepo.commit('feat: two');
  assert.is(r.code, 0, r.stderr);
});

test('allows merging main into a feature branch', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: a');
  await repo.git('switch', '-q', '-c', 'feature/b', 'main');
  await repo.commit('feat: b');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/b'", 'feature/b');
  await repo.git('switch', '-q', 'feature/a');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'main' into feature/a", 'main');
  const r = await repo.commit('feat: a2');
  assert.is(r.code, 0, r.stderr);
});

test('allows finishing a conflicted merge into main', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('shared.yaml', 'a\n');
  await repo.git('add', 'shared.yaml');
  await repo.git('commit', '-q', '-m', 'feat: a');
  await repo.git('switch', '-q', '-c', 'feature/b', 'main');
  repo.write('shared.yaml', 'b\n');
  await repo.git('add', 'shared.yaml');
  await repo.git('commit', '-q', '-m', 'feat: b');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', 'feature/a');
  assert.is((await repo.gitResult('merge', 'feature/b')).code, 1, 'conflict');
  repo.write('shared.yaml', 'a\nb\n');
  await repo.git('add', 'shared.yaml');
  const r = await repo.gitResult('commit', '-q', '--no-edit');
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('rev-list', '--count', '--merges', 'HEAD'), '1');
});

test('allows commits on a detached HEAD (rebase, bisect, CI)', async () => {
  await repo.git('switch', '-q', '--detach');
  const r = await repo.commit('feat: detached');
  assert.is(r.code, 0, r.stderr);
});

test('warns, without refusing, when the branch is old', async () => {
  await repo.git('switch', '-q', '-c', 'feature/old');
  const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
  repo.write('old.yaml', 'x\n');
  await repo.git('add', 'old.yaml');
  await repo.gitWith({ GIT_COMMITTER_DATE: old, GIT_AUTHOR_DATE: old }, 'commit', '-q', '-m', 'feat: old');
  const r = await repo.commit('feat: later');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'warning: branch "feature/old" is 10 days old (limit 2, setting "maxBranchAgeDays")');
  assert.is(await repo.git('log', '-1', '--format=%s'), 'feat: later');
});

test('warns when the branch is far behind main, with the limit read from trunk.config.json', async () => {
  repo.write('trunk.config.json', JSON.stringify({ maxBehind: 1 }));
  await repo.git('switch', '-q', '-c', 'feature/behind');
  await repo.git('switch', '-q', 'main');
  for (const n of [1, 2]) await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', `fix: ${n}`);
  await repo.git('switch', '-q', 'feature/behind');
  const r = await repo.commit('feat: behind');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'is 2 commits behind main (limit 1, setting "maxBehind"): catch up with: git merge main');
});

test('TRUNK_SKIP=1 skips the check with a warning', async () => {
  repo.write('x.yaml', 'x\n');
  await repo.git('add', 'x.yaml');
  const r = await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'fix: emergency');
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    'TRUNK_SKIP=1, the pre-commit check was skipped; pre-push and the server-side checks still apply',
  );
  assert.is(await repo.git('log', '-1', '--format=%s'), 'fix: emergency');
});

test('a corrupt config is an error (exit 2) naming the file, and nothing is committed', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('trunk.config.json', '{ "trunk": ');
  const r = await repo.commit('feat: a', 'a.yaml');
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    'trunk: trunk.config.json:1:12 is not valid JSON: expected a value, found the end of the file.',
  );
  assert.match(r.stderr, 'husky - pre-commit script failed (code 2)');
  assert.not.match(r.stderr, '    at ');
  assert.is(await repo.git('diff', '--cached', '--name-only'), 'a.yaml');
});

test('an invalid setting is named with what is expected', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('trunk.config.json', JSON.stringify({ trunk: 5, branch: ['x'] }));
  const head = await repo.sha();
  const r = await repo.commit('feat: a', 'a.yaml');
  assert.is(r.code, 1, "the commit is stopped (husky reports the hook's exit 2 as a failed hook)");
  assert.match(r.stderr, 'husky - pre-commit script failed (code 2)');
  assert.is(await repo.sha(), head, 'nothing was committed');
  assert.is(await repo.git('diff', '--cached', '--name-only'), 'a.yaml', 'what was staged stays staged');
  assert.match(r.stderr, 'trunk: trunk.config.json is invalid (2 problems):');
  assert.match(r.stderr, 'trunk.config.json: "trunk" must be a string, not 5');
  assert.match(r.stderr, 'trunk.config.json: "branch" is not a known setting');
});

test('a missing trunk branch is an error with the command that restores it', async () => {
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.git('branch', '-q', '-D', 'main');
  const r = await repo.commit('feat: a');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'the trunk branch "main" (setting "trunk") does not exist in this clone');
  assert.match(r.stderr, 'git branch main origin/main');
});

test.run();
