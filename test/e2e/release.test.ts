import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importCommits, makeRepo, remoteSha, run, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('trunk release and the post-merge hook');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo({ remote: true });
});

const merge = (name: string, ...messages: string[]) => repo.mergeFeature(name, messages);

/** Turns the post-merge release off, to drive `trunk release` by hand. */
async function onMergeOff() {
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' } }));
  await repo.git('commit', '-qam', 'chore: release on merge off', '--no-verify');
}

test('merging a feat branch with plain git merge cuts the release: commit, changelog section, annotated tag', async () => {
  await repo.git('tag', '-a', 'v1.3.2', '-m', 'v1.3.2');
  const r = await merge('feature/ingress', 'feat(api): add ingress', 'fix: probe timeout');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'released v1.4.0 (minor)');
  assert.is(await repo.git('log', '-1', '--format=%s'), 'chore(release): v1.4.0');
  assert.is(await repo.git('show', '--name-only', '--format=', 'HEAD'), 'CHANGELOG.md');
  assert.is(await repo.git('cat-file', '-t', 'v1.4.0'), 'tag');
  assert.is(await repo.git('rev-parse', 'v1.4.0^{commit}'), await repo.sha());
  const notes = await repo.git('tag', '-l', '--format=%(contents)', 'v1.4.0');
  assert.match(notes, '## 1.4.0');
  assert.match(notes, '### Features\n\n* **api:** add ingress');
  assert.match(repo.read('CHANGELOG.md'), /^# Changelog\n\n## 1\.4\.0 \(\d{4}-\d\d-\d\d\)\n\n### Features/);
  assert.is(await repo.git('status', '--porcelain'), '');
});

test('the release commit and its tag pass pre-push; a clone that pulls them does nothing', async () => {
  await merge('feature/a', 'feat: a');
  const push = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.0.0');
  assert.is(push.code, 0, push.stderr);
  const other = await makeRepo();
  await other.git('remote', 'add', 'origin', await repo.git('remote', 'get-url', 'origin'));
  await other.git('fetch', '-q', 'origin');
  await other.git('reset', '-q', '--hard', 'origin/main');
  await other.git('reset', '-q', '--hard', 'HEAD~2');
  const pulled = await other.gitResult('pull', '-q', '--no-rebase', 'origin', 'main');
  assert.is(pulled.code, 0, pulled.stderr);
  assert.is(await other.git('log', '-1', '--format=%s'), 'chore(release): v1.0.0');
  assert.is(await other.git('tag', '--list'), 'v1.0.0');
  assert.is(await other.sha(), await repo.sha());
});

test('--dry-run --json answers the documented shape and changes nothing', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.3.2', '-m', 'v1.3.2');
  await merge('feature/a', 'feat: one', 'fix: two');
  const before = await repo.releaseState();
  const r = await repo.trunk(['release', '--dry-run', '--json']);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(Object.keys(json).slice(0, 6), ['version', 'tag', 'previousTag', 'bump', 'commits', 'notes']);
  assert.equal(
    [json.version, json.tag, json.previousTag, json.bump, json.commits],
    ['1.4.0', 'v1.4.0', 'v1.3.2', 'minor', 3],
  );
  assert.match(json.notes, '### Features');
  assert.equal(await repo.releaseState(), before);
});

test('nothing releasable: says so, exits 0, creates nothing; JSON has nulls', async () => {
  await onMergeOff();
  await merge('feature/docs', 'docs: explain values', 'chore: tidy');
  const before = await repo.releaseState();
  const r = await repo.trunk(['release', '--json']);
  assert.is(r.code, 0);
  assert.match(r.stderr, 'nothing to release');
  assert.equal(JSON.parse(r.stdout), {
    version: null,
    tag: null,
    previousTag: null,
    bump: null,
    commits: 5,
    notes: '',
    dryRun: false,
    gates: [],
  });
  assert.equal(await repo.releaseState(), before);
});

test('a lightweight release tag counts as a release, like an annotated one', async () => {
  await onMergeOff();
  await repo.git('tag', 'v1.3.2');
  await merge('feature/a', 'feat: a');
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
  assert.equal([json.previousTag, json.tag], ['v1.3.2', 'v1.4.0']);
});

test('the highest semver tag reachable from HEAD is the last release; non-release tags are ignored; never a release below another', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.10.0', '-m', 'v1.10.0');
  await repo.git('tag', '-a', 'v1.9.0', '-m', 'v1.9.0');
  await repo.git('tag', 'latest');
  await repo.git('tag', 'deploy-123');
  await repo.git('switch', '-q', '-c', 'feature/side');
  await repo.commit('feat: on a side branch');
  await repo.git('tag', '-a', 'v9.0.0', '-m', 'side');
  await repo.git('switch', '-q', 'main');
  await merge('feature/b', 'fix: b');
  const before = await repo.releaseState();
  const below = await repo.trunk(['release']);
  assert.is(below.code, 2);
  assert.match(
    below.stderr,
    'the next release v1.10.1 would be lower than v9.0.0, a release tag HEAD does not contain',
  );
  assert.match(below.stderr, 'npx trunk release --release-as 9.0.1');
  assert.equal(await repo.releaseState(), before);
  assert.is(
    (await repo.trunk(['release', '--dry-run', '--release-as', '2.0.0'])).code,
    2,
    '--release-as cannot go below it either',
  );
  await repo.git('tag', '-d', 'v9.0.0');
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
  assert.equal([json.previousTag, json.tag], ['v1.10.0', 'v1.10.1']);
});

test('a higher release tag HEAD does not reach, cut after the last release, does not narrow the range analysed', async () => {
  // The range since the highest release tag is read early, beside the facts; here that tag is off the trunk, and
  // the range since it lacks feat: x, so only the range since v1.0.0 gives the minor and both commits.
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await merge('feature/x', 'feat: x');
  await repo.git('switch', '-q', '-c', 'feature/side');
  await repo.commit('feat!: y');
  await repo.git('tag', '-a', 'v2.0.0', '-m', 'side');
  await repo.git('switch', '-q', 'main');
  await merge('feature/z', 'fix: z');
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json', '--release-as', '3.0.0'])).stdout);
  assert.equal([json.previousTag, json.bump, json.commits], ['v1.0.0', 'minor', 4]);
  assert.match(json.notes, '* x');
  assert.not.match(json.notes, '* y');
});

test('tags of the other spelling above the next release: a warning naming the setting; the release is as configured', async () => {
  await onMergeOff();
  await repo.git('tag', '1.2.3');
  await merge('feature/a', 'feat: a');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    'trunk: warning: tag 1.2.3 names a higher version than v1.0.0, the next release, but is not spelled "vX.Y.Z" (setting "tagPrefix"); if your releases are tagged like 1.2.3, set "tagPrefix": "" in your trunk config',
  );
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
  await repo.git('tag', '-d', '1.2.3');
  await repo.git('tag', '0.9.0', 'HEAD~1');
  await merge('feature/b', 'feat: b');
  const lower = await repo.trunk(['release', '--dry-run']);
  assert.match(lower.stderr, 'would release v1.1.0');
  assert.not.match(lower.stderr, 'warning', 'a lower tag of the other spelling is no sign');
});

test('merges, squash merges, reverts, breaking footers and `!` with scopes all count', async () => {
  await onMergeOff();
  // Each kind of change on its own since a release tag, so no earlier, larger bump hides it.
  await repo.git('tag', '-a', 'v2.0.0', '-m', 'v2.0.0');
  const next = async () => {
    const plan = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
    await repo.git('tag', '-a', plan.tag, '-m', plan.tag);
    return [plan.bump, plan.tag];
  };
  await merge('feature/fix', 'fix: a');
  assert.equal(await next(), ['patch', 'v2.0.1']);
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'feat: squashed from the forge (#31)');
  assert.equal(await next(), ['minor', 'v2.1.0']);
  await repo.git('switch', '-q', '-c', 'feature/revert', 'main');
  await repo.git('revert', '--no-edit', 'feature/fix');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/revert'", 'feature/revert');
  assert.equal(await next(), ['patch', 'v2.1.1']);
  await merge('feature/bang', 'feat(api)!: drop the v1 endpoints');
  assert.equal(await next(), ['major', 'v3.0.0']);
  await merge('feature/values', 'refactor: rename values\n\nBREAKING CHANGE: values.image is now values.images');
  assert.equal(await next(), ['major', 'v4.0.0']);
});

test('a git revert of a feature is a patch release with a Reverts section', async () => {
  await onMergeOff();
  await merge('feature/a', 'feat: a');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await repo.git('switch', '-q', '-c', 'feature/undo');
  await repo.git('revert', '--no-edit', 'feature/a');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/undo'", 'feature/undo');
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
  assert.is(json.bump, 'patch');
  assert.match(json.notes, '### Reverts');
});

test('a breaking change reverted before the release releases no major, and the notes show neither', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await merge('feature/drop', 'feat(api)!: drop the v1 endpoints');
  await repo.git('switch', '-q', '-c', 'feature/undo');
  await repo.git('revert', '--no-edit', 'feature/drop');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/undo'", 'feature/undo');
  await merge('feature/b', 'fix: b');
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
  assert.equal([json.bump, json.tag], ['patch', 'v1.0.1']);
  assert.match(json.notes, '* b ');
  assert.not.match(json.notes, 'drop the v1 endpoints');
  assert.not.match(json.notes, 'BREAKING');
});

test('--prerelease rc numbers release candidates; the stable release is computed from the last stable tag', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.2.0', '-m', 'v1.2.0');
  await merge('feature/a', 'feat: a');
  assert.is((await repo.trunk(['release', '--prerelease', 'rc'])).code, 0);
  await merge('feature/b', 'fix: b');
  assert.is((await repo.trunk(['release', '--prerelease', 'rc'])).code, 0);
  assert.equal((await repo.git('tag', '--list', 'v1.3.0*')).split('\n'), ['v1.3.0-rc.1', 'v1.3.0-rc.2']);
  const stable = await repo.trunk(['release', '--json']);
  assert.equal([JSON.parse(stable.stdout).tag, JSON.parse(stable.stdout).previousTag], ['v1.3.0', 'v1.2.0']);
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.3.0');
});

test('--release-as jumps deliberately, and is refused unless greater than the last release', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v0.9.0', '-m', 'v0.9.0');
  await merge('feature/a', 'docs: ready for 1.0');
  const low = await repo.trunk(['release', '--release-as', '0.8.0']);
  assert.is(low.code, 2);
  assert.match(low.stderr, '--release-as 0.8.0 is not greater than the last release v0.9.0');
  const ok = await repo.trunk(['release', '--release-as', '1.0.0']);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
});

test('refuses with exit 2: not on the trunk, a dirty changelog, an existing tag, a shallow clone', async () => {
  await onMergeOff();
  await merge('feature/a', 'feat: a');
  await repo.git('switch', '-q', 'feature/a');
  const off = await repo.trunk(['release']);
  assert.is(off.code, 2);
  assert.match(off.stderr, 'releases are cut on main, and HEAD is on "feature/a"');
  await repo.git('switch', '-q', 'main');

  repo.write('CHANGELOG.md', 'my notes\n');
  const dirty = await repo.trunk(['release']);
  assert.is(dirty.code, 2);
  assert.match(dirty.stderr, 'CHANGELOG.md has uncommitted changes');
  assert.is(repo.read('CHANGELOG.md'), 'my notes\n');
  rmSync(join(repo.dir, 'CHANGELOG.md'));

  await repo.git('tag', 'v1.0.0', await repo.git('commit-tree', 'HEAD^{tree}', '-m', 'tagged elsewhere'));
  const exists = await repo.trunk(['release']);
  assert.is(exists.code, 2);
  assert.match(exists.stderr, 'the computed tag v1.0.0 already exists');
  await repo.git('tag', '-d', 'v1.0.0');

  const origin = await repo.git('remote', 'get-url', 'origin');
  await repo.git('push', '-q', '--no-verify', 'origin', 'main');
  const shallow = tempDir('shallow');
  await run('git', ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${origin}`, shallow], { cwd: shallow });
  const r = await run(process.execPath, [join(repo.dir, 'node_modules/trunk-init/dist/trunk.mjs'), 'release'], {
    cwd: shallow,
  });
  assert.is(r.code, 2);
  assert.match(r.stderr, 'this clone is shallow', r.stderr);
  assert.match(r.stderr, 'fetch-depth: 0');
});

test('all or nothing: a failing tag step or a rejected push leaves the repository exactly as before', async () => {
  await onMergeOff();
  await repo.git('push', '-q', '--no-verify', 'origin', 'main');
  await merge('feature/a', 'feat: a');
  const before = await repo.releaseState();

  await repo.git('update-ref', 'refs/tags/v1.0.0/blocker', 'HEAD'); // v1.0.0 can no longer be created
  const tagFails = await repo.trunk(['release']);
  assert.is(tagFails.code, 2);
  assert.match(tagFails.stderr, 'the release failed and was undone');
  await repo.git('update-ref', '-d', 'refs/tags/v1.0.0/blocker');
  assert.equal(await repo.releaseState(), before);

  const remote = await repo.git('remote', 'get-url', 'origin');
  writeFileSync(join(remote, 'hooks/pre-receive'), '#!/bin/sh\necho "rejected by the server" >&2\nexit 1\n');
  chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
  const rejected = await repo.trunk(['release', '--push']);
  assert.is(rejected.code, 2);
  assert.match(rejected.stderr, 'the release failed and was undone');
  assert.equal(await repo.releaseState(), before);
  assert.is(await remoteSha(repo, 'refs/tags/v1.0.0'), '');

  rmSync(join(remote, 'hooks/pre-receive'));
  const pushed = await repo.trunk(['release', '--push']);
  assert.is(pushed.code, 0, pushed.stderr);
  assert.is(await remoteSha(repo, 'refs/heads/main'), await repo.sha());
  assert.ok(await remoteSha(repo, 'refs/tags/v1.0.0'));
});

test('the post-merge hook does nothing off the trunk, and prints the next release with onMerge: notes', async () => {
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'notes' } }));
  await repo.git('commit', '-qam', 'chore: notes on merge', '--no-verify');
  const r = await merge('feature/a', 'feat: a');
  assert.match(r.stderr, 'the next release would be v1.0.0 (minor); cut it with: npx trunk release');
  assert.is(await repo.git('tag', '--list'), '');
  // A real merge into a feature branch (not "Already up to date"): post-merge runs, and stays quiet.
  await repo.git('switch', '-q', '-c', 'feature/c', 'main');
  assert.is((await repo.commit('feat: c')).code, 0);
  await repo.git('switch', '-q', '-c', 'feature/b', 'main');
  assert.is((await repo.commit('feat: b')).code, 0);
  const intoFeature = await repo.gitResult(
    'merge',
    '-q',
    '--no-ff',
    '-m',
    "Merge branch 'feature/c' into feature/b",
    'feature/c',
  );
  assert.is(intoFeature.code, 0, intoFeature.stderr);
  assert.is(await repo.git('rev-list', '--count', '--merges', 'main..HEAD'), '1', 'the merge was made');
  assert.is(intoFeature.stderr, '');
  assert.is(await repo.git('tag', '--list'), '');
});

test('thousands of commits since the last tag', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v3.1.4', '-m', 'v3.1.4');
  // Multi-byte subjects through the whole release (test/core/log-records.test.ts cuts characters across chunks).
  const ticks = '✓'.repeat(20);
  const messages = Array.from({ length: 3000 }, (_, i) =>
    i % 3 === 0 ? `fix: änderung ${ticks} ${i}` : `chore: tidy ${ticks} ${i}`,
  );
  await importCommits(repo, 'main', messages);
  const json = JSON.parse((await repo.trunk(['release', '--dry-run', '--json'])).stdout);
  assert.equal([json.tag, json.commits], ['v3.1.5', 3000]);
  assert.is(json.notes.match(new RegExp(`^\\* änderung ${ticks} \\d+ [0-9a-f]{7}$`, 'gm')).length, 1000);
  assert.not.match(json.notes, '\ufffd');
});

test('trunk notes: any range, writing nothing', async () => {
  await onMergeOff();
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await merge('feature/a', 'feat: a', 'fix: b');
  const next = await repo.trunk(['notes']);
  assert.match(next.stdout, '## 1.1.0');
  const range = await repo.trunk(['notes', '--from', 'v1.0.0', '--to', 'feature/a', '--json']);
  const json = JSON.parse(range.stdout);
  assert.equal([json.from, json.to, json.bump, json.commits], ['v1.0.0', 'feature/a', 'minor', 2]);
  assert.is(await repo.git('tag', '--list'), 'v1.0.0');
});

test.run();
