import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { initRepo, remoteSha, run, tempDir, type Repo, initWith } from '../helpers/repo.js';
import { installHook } from '../helpers/server.js';

const test = suite('trunk env');
const URL = 'https://github.com/acme/shop-deploy.git';

/** A repository set up by trunk-init with these flags, pushed to a bare remote. */

/** Merges a feature branch into main with plain git: the post-merge hook releases. */
async function merge(repo: Repo, name: string, message: string, path?: string) {
  const r = await repo.mergeFeature(name, message, path);
  assert.is(r.code, 0, r.stderr);
  return r;
}

async function status(repo: Repo) {
  const r = await repo.trunk(['env', '--json']);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const env = (name: string) => json.environments.find((e: { name: string }) => e.name === name);
  return { ...json, env };
}

test('done when: --gitops argocd --envs 3, merges cut candidates, prod is promoted to the very commit qa runs', async () => {
  const repo = await initWith(['--gitops', 'argocd', '--envs', '3', '--repo-url', URL]);
  assert.match((await merge(repo, 'feature/a', 'feat: ingress for api')).stderr, 'released v1.0.0-rc.1');
  const unreleased = await status(repo);
  assert.match(unreleased.env('prod').reason, 'promote a candidate: trunk env promote prod');
  assert.match(unreleased.diffs.find((d: { to: string }) => d.to === 'prod').next, 'trunk env promote prod → tags');
  // Before prod's first release it lacks all that qa runs: the diff is the notes of the first promotion.
  const before1 = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(before1.code, 0, before1.stderr);
  assert.match(before1.stdout, /^\d+ commits in qa \(v1\.0\.0-rc\.1\), not in prod \(runs nothing yet\)\.\n/);
  assert.match(before1.stdout, /\nrelease notes\n## 1\.0\.0 .*\n[^]*\* ingress for api/);
  const before1Json = JSON.parse((await repo.trunk(['env', 'diff', 'qa', 'prod', '--json'])).stdout);
  assert.equal([before1Json.from, before1Json.to, before1Json.commits > 0], ['qa', 'prod', true]);
  assert.match(before1Json.notes, '* ingress for api');
  const unknown = await repo.trunk(['env', 'promote', 'staging']);
  assert.is(unknown.code, 2, unknown.stderr);
  assert.match(
    unknown.stderr,
    'there is no environment "staging" in trunk.config.json.\n  fix: name one of: dev, qa, prod',
  );
  assert.match(
    (await repo.trunk(['env', 'promote', 'prdo'])).stderr,
    'there is no environment "prdo" in trunk.config.json; did you mean "prod"?',
  );
  assert.is(await repo.git('tag', '--list', 'v1.0.0'), '');
  const first = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(first.code, 0, first.stderr);
  const rc1 = await repo.sha('v1.0.0-rc.1^{commit}');
  assert.is(await repo.sha('v1.0.0^{commit}'), rc1);
  assert.match(
    (await merge(repo, 'feature/b', 'feat: autoscaling', 'deploy/overlays/prod/hpa.yaml')).stderr,
    'released v1.1.0-rc.1',
  );
  assert.match((await merge(repo, 'feature/c', 'fix: probe timeout')).stderr, 'released v1.1.0-rc.2');

  const head = await repo.sha();
  const before = await status(repo);
  assert.equal([before.env('dev').sha, before.env('dev').ref], [head, 'refs/heads/main']);
  assert.equal(
    [before.env('qa').tag, before.env('qa').sha, before.env('qa').version, before.env('qa').spec],
    ['v1.1.0-rc.2', head, '1.1.0-rc.2', '>=0.0.0-0'],
  );
  assert.equal(
    [before.env('prod').tag, before.env('prod').sha, before.env('prod').version, before.env('prod').spec],
    ['v1.0.0', rc1, '1.0.0', '>=0.0.0'],
  );
  const waiting = before.diffs.find((d: { to: string }) => d.to === 'prod');
  assert.equal([waiting.from, waiting.commits, waiting.tags.sort()], ['qa', 6, ['v1.1.0-rc.1', 'v1.1.0-rc.2']]);
  assert.match(waiting.next, `trunk env promote prod → tags ${head.slice(0, 7)} (v1.1.0-rc.2, what qa runs) as v1.1.0`);
  assert.equal(waiting.changes, [{ path: 'deploy/overlays/prod/hpa.yaml', added: 1, removed: 0 }]);
  assert.equal(before.warnings, []);

  const text = await repo.trunk(['env']);
  assert.match(text.stdout, /qa\s+candidate ">=0\.0\.0-0"\s+v1\.1\.0-rc\.2\s+[0-9a-f]{7}\s+1\.1\.0-rc\.2/);
  assert.match(text.stdout, /prod\s+stable ">=0\.0\.0"\s+v1\.0\.0\s+[0-9a-f]{7}\s+1\.0\.0/);
  assert.match(text.stdout, 'in qa, not in prod: 6 commits, tags v1.1.0-rc.1 v1.1.0-rc.2');
  assert.match(text.stdout, '  deploy/ changes: deploy/overlays/prod/hpa.yaml (+1 −0)');
  assert.match(text.stdout, '✓ argocd manifests match trunk.config.json (4 files)');
  assert.match(text.stdout, '… 1 more (--all shows every one)');
  const all = await repo.trunk(['env', '--all']);
  assert.not.match(all.stdout, 'more (--all');
  assert.match(all.stdout, 'feat: autoscaling');

  const diff = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, '## 1.1.0');
  assert.match(diff.stdout, '* autoscaling');
  assert.match(diff.stdout, '* probe timeout');
  assert.not.match(diff.stdout, 'ingress');

  const promote = await repo.trunk(['env', 'promote', 'prod', '--push']);
  assert.is(promote.code, 0, promote.stderr);
  assert.match(promote.stderr, `promoted prod: tagged ${head.slice(0, 7)} (v1.1.0-rc.2, what qa runs) as v1.1.0`);
  assert.is(await repo.git('cat-file', '-t', 'v1.1.0'), 'tag');
  assert.is(await repo.sha('v1.1.0^{commit}'), head);
  assert.is(await remoteSha(repo, 'refs/tags/v1.1.0^{}'), head);
  const notes = await repo.git('tag', '-l', '--format=%(contents)', 'v1.1.0');
  assert.match(notes, '* autoscaling');
  assert.match(notes, '* probe timeout');

  const after = await status(repo);
  assert.equal([after.env('prod').tag, after.env('prod').sha], ['v1.1.0', head]);
  assert.is(after.diffs.find((d: { to: string }) => d.to === 'prod').commits, 0);
  const none = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.equal(
    [none.code, none.stdout, none.stderr],
    [
      0,
      '0 commits in qa (v1.1.0), not in prod (v1.1.0).\n\nprod: deploy/overlays/prod, v1.1.0 → v1.1.0 (plain YAML, read natively)\n  no object changes: the files it renders are the same at v1.1.0 and v1.1.0\n',
      '',
    ],
  );
  const noneJson = JSON.parse((await repo.trunk(['env', 'diff', 'qa', 'prod', '--json'])).stdout);
  assert.equal([noneJson.commits, noneJson.notes, noneJson.changes], [0, null, []]);
  const again = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(again.code, 1);
  assert.match(again.stderr, 'cannot promote prod: qa runs v1.1.0, which is already a release: nothing new to promote');
  assert.is((await repo.trunk(['env', 'manifests', '--check'])).code, 0);
  assert.is(await repo.git('status', '--porcelain'), '');
});

test('a promotion whose push is rejected is undone, and its error says to promote again, not to release', async () => {
  const repo = await initWith(['--envs', '3']);
  assert.match((await merge(repo, 'feature/a', 'feat: a')).stderr, 'released v1.0.0-rc.1');
  const remote = await repo.git('remote', 'get-url', 'origin');
  writeFileSync(join(remote, 'hooks/pre-receive'), '#!/bin/sh\necho "rejected by the server" >&2\nexit 1\n');
  chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
  const before = await repo.releaseState();
  const r = await repo.trunk(['env', 'promote', 'prod', '--push']);
  assert.is(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    'trunk: the promotion of prod to v1.0.0 failed and was undone (no tag v1.0.0, here or on origin): ',
  );
  assert.match(r.stderr, 'rejected by the server');
  assert.match(r.stderr, '  fix: fix the cause above, then run: npx trunk env promote prod');
  assert.not.match(r.stderr, 'trunk release');
  assert.equal(await repo.releaseState(), before);
  assert.is(await repo.git('tag', '--list', 'v1.0.0'), '');
  assert.is(await remoteSha(repo, 'refs/tags/v1.0.0'), '');
  rmSync(join(remote, 'hooks/pre-receive'));
  const again = await repo.trunk(['env', 'promote', 'prod', '--push']);
  assert.is(again.code, 0, again.stderr);
  assert.is(await remoteSha(repo, 'refs/tags/v1.0.0^{}'), await repo.sha('v1.0.0-rc.1^{commit}'));
});

test('with a candidate environment, releases are candidates, cut only when something releasable is new', async () => {
  const repo = await initWith(['--envs', '3']);
  assert.match((await merge(repo, 'feature/a', 'feat: a')).stderr, 'released v1.0.0-rc.1');
  assert.not.match((await merge(repo, 'feature/docs', 'docs: readme')).stderr, 'released');
  const dry = await repo.trunk(['release', '--dry-run', '--json']);
  assert.equal([dry.code, JSON.parse(dry.stdout).version], [0, null]);
  assert.match(dry.stderr, 'none of the 2 commits since v1.0.0-rc.1 is a feat, fix');
  assert.match((await merge(repo, 'feature/b', 'fix: b')).stderr, 'released v1.0.0-rc.2');
  assert.is(await repo.git('tag', '--list'), 'v1.0.0-rc.1\nv1.0.0-rc.2');
});

/** A repository with these environments and tool, tags created by hand (lightweight and annotated). */
async function withConfig(config: object): Promise<Repo> {
  const repo = await initWith([]);
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' }, ...config }, null, 2));
  await repo.git('commit', '-qam', 'chore: environments', '--no-verify');
  return repo;
}

const THREE = [
  { name: 'dev', track: { kind: 'branch' } },
  { name: 'qa', track: { kind: 'candidate' } },
  { name: 'prod', track: { kind: 'stable' } },
];

test('real tag histories resolve as Argo CD and Flux would: rc, hotfix off the trunk, misread tags', async () => {
  const repo = await withConfig({ environments: THREE });
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  // A hotfix tagged on a short-lived branch cut from v1.0.0.
  await repo.git('switch', '-q', '-c', 'feature/hotfix', 'v1.0.0');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'fix: hotfix', '--no-verify');
  await repo.git('tag', 'v1.0.1');
  await repo.git('switch', '-q', 'main');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: one', '--no-verify');
  await repo.git('tag', '-a', 'v1.1.0-rc.1', '-m', 'rc');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: two', '--no-verify');
  await repo.git('tag', 'v1.1.0-rc.2');
  let s = await status(repo);
  assert.equal([s.env('qa').tag, s.env('prod').tag, s.env('prod').onTrunk], ['v1.1.0-rc.2', 'v1.0.1', false]);
  // The hotfix is in prod and not in qa: both are said.
  assert.equal(s.warnings.map((w: { code: string }) => w.code).sort(), ['DOWNSTREAM_AHEAD', 'TAG_OFF_TRUNK']);

  await repo.git('tag', 'v1.1.0-rc9', 'v1.1.0-rc.1');
  s = await status(repo);
  // Masterminds compares "rc9" with "rc" as text: the older rc9 wins over rc.2.
  assert.is(s.env('qa').tag, 'v1.1.0-rc9');
  assert.ok(s.warnings.some((w: { code: string }) => w.code === 'TAG_PRERELEASE_FORMAT'));
  await repo.git('tag', 'v1.5', 'v1.0.0');
  s = await status(repo);
  // Argo CD reads v1.5 as 1.5.0, the highest of all.
  assert.equal([s.env('qa').tag, s.env('prod').tag], ['v1.5', 'v1.5']);
  assert.ok(s.warnings.some((w: { code: string }) => w.code === 'TAG_SHORT'));
  await repo.git('tag', 'v1.2.0-rc.01');
  s = await status(repo);
  assert.equal([s.env('qa').tag, s.env('prod').tag], [null, null]);
  assert.match(s.env('prod').reason, 'tag v1.2.0-rc.01 has a zero-padded prerelease number');
  repo.write(
    'trunk.config.json',
    JSON.stringify({ release: { onMerge: 'off' }, environments: THREE, gitops: { tool: 'flux' } }),
  );
  s = await status(repo);
  // Flux skips the zero-padded and the two-part tags.
  assert.equal([s.env('qa').tag, s.env('prod').tag], ['v1.1.0-rc9', 'v1.0.1']);
  assert.ok(s.warnings.some((w: { code: string }) => w.code === 'TAG_ZERO_PADDED'));
});

test('no release yet: the ranges resolve to nothing and trunk env says so', async () => {
  const repo = await withConfig({ environments: THREE });
  const s = await status(repo);
  assert.equal([s.env('dev').sha, s.env('qa').tag, s.env('prod').tag], [await repo.sha(), null, null]);
  assert.match(s.env('qa').reason, 'no tag matches ">=0.0.0-0" yet');
  assert.ok(s.warnings.filter((w: { code: string }) => w.code === 'UNRESOLVED').length === 2);
  const diff = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.equal([diff.code, diff.stdout], [0, '']);
  assert.match(diff.stderr, 'trunk: qa runs nothing yet (no tag matches ">=0.0.0-0" yet');
  assert.match(diff.stderr, 'so it has nothing prod lacks.');
  const chores = await repo.trunk(['env', 'diff', 'dev', 'qa']);
  assert.equal([chores.code, chores.stderr], [0, '']);
  assert.match(
    chores.stdout,
    'in dev (main), not in qa (runs nothing yet): none is a feature, fix, performance change, revert or breaking change, so there are no notes.',
  );
});

test('pin and unpin: the config and the manifest change together; a pinned environment is not promoted', async () => {
  const repo = await initWith(['--gitops', 'argocd', '--envs', '2', '--repo-url', URL]);
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: b', '--no-verify');
  await repo.git('tag', '-a', 'v1.1.0', '-m', 'v1.1.0');
  const app = repo.dir.split('/').pop()!.toLowerCase();
  const file = `gitops/argocd/apps/${app}-prod.yaml`;
  const pin = await repo.trunk(['env', 'pin', 'prod', 'v1.0.0']);
  assert.is(pin.code, 0, pin.stderr);
  assert.match(
    pin.stderr,
    `land it through a pull request: git switch -c feature/pin-prod-v1.0.0 && git add -- trunk.config.json ${file}`,
  );
  assert.is(JSON.parse(repo.read('trunk.config.json')).environments[1].pin, 'v1.0.0');
  assert.is(parse(repo.read(file)).spec.source.targetRevision, 'v1.0.0');
  const s = await status(repo);
  assert.equal([s.env('prod').tag, s.env('prod').pin], ['v1.0.0', 'v1.0.0']);
  assert.match((await repo.trunk(['env'])).stdout, 'v1.0.0 (PINNED)');
  assert.is((await repo.trunk(['env', 'manifests', '--check'])).code, 0);
  const unpin = await repo.trunk(['env', 'unpin', 'prod']);
  assert.is(unpin.code, 0, unpin.stderr);
  assert.is(JSON.parse(repo.read('trunk.config.json')).environments[1].pin, undefined);
  assert.is(parse(repo.read(file)).spec.source.targetRevision, '>=0.0.0');
  assert.is((await status(repo)).env('prod').tag, 'v1.1.0');
  const refusals: [string[], string][] = [
    [['pin', 'prod', 'v9.9.9'], 'tag v9.9.9 does not exist here'],
    [['pin', 'prod', 'latest'], 'latest is not a release tag'],
    [['pin', 'stage', 'v1.0.0'], 'there is no environment "stage"'],
  ];
  for (const [args, message] of refusals) {
    const r = await repo.trunk(['env', ...args]);
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
});

test("previous (the literal model): trunk release rewrites prod's pointer in the release commit", async () => {
  const repo = await initWith(['--gitops', 'flux', '--envs', '3', '--prod', 'previous', '--repo-url', URL]);
  const app = repo.dir.split('/').pop()!.toLowerCase();
  const prodFile = `gitops/flux/prod/${app}.yaml`;
  assert.match((await merge(repo, 'feature/a', 'feat: a')).stderr, 'released v1.0.0');
  assert.is(await repo.git('show', '--name-only', '--format=', 'HEAD'), 'CHANGELOG.md');
  assert.match(
    (await merge(repo, 'feature/b', 'feat: b')).stderr,
    'released v1.1.0 (minor); prod now runs v1.0.0; publish',
  );
  assert.equal((await repo.git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort(), [
    'CHANGELOG.md',
    prodFile,
  ]);
  assert.is(await repo.sha('v1.1.0^{commit}'), await repo.sha());
  assert.equal(
    parse(
      repo
        .read(prodFile)
        .split('---\n')[0]
        .replace(/^#.*\n/gm, ''),
    ).spec.ref,
    { tag: 'v1.0.0' },
  );
  assert.is(await repo.git('status', '--porcelain'), '');
  assert.is((await repo.trunk(['env', 'manifests', '--check'])).code, 0);
  const s = await status(repo);
  assert.equal([s.env('qa').tag, s.env('prod').tag, s.env('prod').spec], ['v1.1.0', 'v1.0.0', 'v1.0.0']);
  const push = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.0.0', 'v1.1.0');
  assert.is(push.code, 0, push.stderr);
  const refused = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, 'prod moves by itself at the next release');
});

test('previous: a release whose push is rejected is undone, the new pointer file and its directory too', async () => {
  const repo = await initWith(['--gitops', 'flux', '--envs', '3', '--prod', 'previous', '--repo-url', URL]);
  repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"onMerge": "tag"', '"onMerge": "off"'));
  await repo.git('commit', '-qam', 'chore: release by hand', '--no-verify');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await repo.git('push', '-q', '--no-verify', 'origin', 'main', 'v1.0.0');
  await merge(repo, 'feature/b', 'feat: b');
  const other = await initRepo();
  await other.git('fetch', '-q', await repo.git('remote', 'get-url', 'origin'), 'main');
  await other.git('tag', '-a', 'v1.1.0', '-m', 'released elsewhere', 'FETCH_HEAD');
  await other.git('push', '-q', '--no-verify', await repo.git('remote', 'get-url', 'origin'), 'v1.1.0');
  // An uncommitted config or pointer change would be mixed into the release's pointer rewrite: refused first.
  const config = repo.read('trunk.config.json');
  repo.write('trunk.config.json', `${config}\n`);
  const dirty = await repo.releaseState();
  const refused = await repo.trunk(['release', '--push']);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, "has uncommitted changes, which the release's pointer rewrite");
  assert.equal(await repo.releaseState(), dirty);
  repo.write('trunk.config.json', config);
  const before = await repo.releaseState();
  const r = await repo.trunk(['release', '--push']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'the release failed and was undone');
  assert.equal(await repo.releaseState(), before);
  assert.not.ok(existsSync(join(repo.dir, 'gitops/flux/prod')), 'the directory the release created is gone');
});

test('promoted: promote moves the exact tag in the config and the manifest', async () => {
  const repo = await withConfig({
    environments: [
      { name: 'qa', track: { kind: 'stable' } },
      { name: 'prod', track: { kind: 'promoted' } },
    ],
    gitops: { tool: 'argocd', repoUrl: URL, app: 'shop' },
  });
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  assert.match((await status(repo)).env('prod').reason, 'nothing promoted to prod yet');
  const dry = await repo.trunk(['env', 'promote', 'prod', '--dry-run', '--json']);
  assert.is(dry.code, 0, dry.stderr);
  assert.equal(JSON.parse(dry.stdout).tag, 'v1.0.0');
  assert.is(await repo.git('status', '--porcelain'), '');
  const r = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(repo.read('trunk.config.json')).environments[1].track, { kind: 'promoted', tag: 'v1.0.0' });
  assert.is(parse(repo.read('gitops/argocd/apps/shop-prod.yaml')).spec.source.targetRevision, 'v1.0.0');
  assert.is((await status(repo)).env('prod').tag, 'v1.0.0');
});

test('four environments are refused unless allowMoreThanThree, then warned about', async () => {
  const four = [...THREE, { name: 'dr', track: { kind: 'promoted' } }];
  const repo = await withConfig({ environments: four });
  const r = await repo.trunk(['env']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'environments has 4 entries');
  assert.match(r.stderr, 'set "allowMoreThanThree": true');
  repo.write('trunk.config.json', JSON.stringify({ environments: four, allowMoreThanThree: true }));
  assert.ok((await status(repo)).warnings.some((w: { code: string }) => w.code === 'MORE_THAN_THREE'));
});

test('a config written in code is not edited: pin says what to change by hand', async () => {
  const repo = await initWith([]);
  await repo.git('rm', '-q', 'trunk.config.json');
  repo.write('trunk.config.mjs', `export default ${JSON.stringify({ environments: THREE })};\n`);
  await repo.git('add', 'trunk.config.mjs');
  await repo.git('commit', '-qm', 'chore: config in code', '--no-verify');
  await repo.git('tag', 'v1.0.0');
  const r = await repo.trunk(['env', 'pin', 'prod', 'v1.0.0']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'trunk.config.mjs is code, so trunk cannot pin prod to v1.0.0 in it');
  assert.match(r.stderr, 'environments.2.pin = "v1.0.0"');
  assert.is(await repo.git('status', '--porcelain'), '');
});

test('promoting into a chain with a previous environment says its pointer must follow', async () => {
  const repo = await withConfig({
    allowMoreThanThree: true,
    environments: [
      ...THREE.slice(0, 2),
      { name: 'stage', track: { kind: 'stable' } },
      { name: 'prod', track: { kind: 'previous' } },
    ],
    gitops: { tool: 'argocd', repoUrl: URL, app: 'shop' },
  });
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: next', '--no-verify');
  await repo.git('tag', '-a', 'v1.1.0-rc.1', '-m', 'rc');
  await repo.git('tag', '-a', 'v0.9.0', '-m', 'old', 'v1.0.0');
  assert.is((await repo.trunk(['env', 'manifests'])).code, 0);
  await repo.git('add', '-A');
  await repo.git('commit', '-qm', 'chore(env): manifests', '--no-verify');
  const r = await repo.trunk(['env', 'promote', 'stage']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'gitops/argocd/apps/shop-prod.yaml must now follow v1.1.0 too: npx trunk env manifests');
  assert.is((await repo.trunk(['env', 'manifests', '--check'])).code, 1);
});

test('without environments, trunk env says how to add them', async () => {
  const repo = await initWith([]);
  const r = await repo.trunk(['env']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'defines no "environments"');
  assert.match(r.stderr, 'npx trunk-init --envs 2');
});

/** A repository whose apps/api and apps/web have an overlay per environment, set up by trunk-init with --path and these flags, committed. */
async function appsSetUp(envs: string[], ...flags: string[]): Promise<Repo> {
  const repo = await initRepo();
  for (const app of ['api', 'web'])
    for (const env of envs) repo.write(`apps/${app}/overlays/${env}/kustomization.yaml`, 'resources: []\n');
  await repo.git('add', 'apps');
  await repo.git('commit', '-qm', 'feat: the apps');
  const r = await repo.trunkInit(['--no-install', '--repo-url', URL, '--path', 'apps/{app}/overlays/{env}', ...flags]);
  assert.is(r.code, 0, r.stderr);
  await repo.git('add', '-A');
  await repo.git('commit', '-qm', 'chore: adopt trunk-init', '--no-verify');
  return repo;
}

test('several apps: trunk env and trunk env diff give the workload changes per app, and those under no app', async () => {
  const repo = await appsSetUp(['qa', 'prod'], '--gitops', 'flux', '--envs', '2');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  repo.write('apps/api/overlays/prod/hpa.yaml', 'a: 1\nb: 2\n');
  repo.write('apps/common/configmap.yaml', 'c: 1\n');
  await repo.git('add', 'apps');
  await repo.git('commit', '-qm', 'feat: autoscaling', '--no-verify');
  const s = await status(repo);
  const prod = s.diffs.find((d: { to: string }) => d.to === 'prod');
  assert.equal(prod.apps, [
    { name: 'api', changes: [{ path: 'apps/api/overlays/prod/hpa.yaml', added: 2, removed: 0 }] },
    { name: 'web', changes: [] },
  ]);
  assert.equal(
    prod.changes.map((c: { path: string }) => c.path),
    ['apps/api/overlays/prod/hpa.yaml', 'apps/common/configmap.yaml'],
  );
  const text = (await repo.trunk(['env'])).stdout;
  assert.match(
    text,
    '  api changes: apps/api/overlays/prod/hpa.yaml (+2 −0)\n  changes outside the apps: apps/common/configmap.yaml (+1 −0)',
  );
  assert.not.match(text, 'web changes');
  assert.match(text, '✓ flux manifests match trunk.config.json (4 files)');
  const diff = await repo.trunk(['env', 'diff', 'qa', 'prod', '--json']);
  assert.is(diff.code, 0, diff.stderr);
  assert.equal(JSON.parse(diff.stdout).apps, prod.apps);
  assert.match(JSON.parse(diff.stdout).notes, '* autoscaling');
  assert.match(
    (await repo.trunk(['env', 'diff', 'qa', 'prod'])).stdout,
    '  api changes: apps/api/overlays/prod/hpa.yaml (+2 −0)',
  );
});

test("several apps, previous: the server checks a release's pointers against the apps at that release, not at its HEAD", async () => {
  const repo = await appsSetUp(['dev', 'qa', 'prod'], '--gitops', 'flux', '--envs', '3', '--prod', 'previous');
  const server = tempDir('server.git');
  await run('git', ['init', '-q', '--bare', server], { cwd: server });
  await repo.git('remote', 'add', 'origin', server);
  await repo.git('push', '-q', '--no-verify', 'origin', 'main');
  await installHook(server);
  assert.match((await merge(repo, 'feature/a', 'feat: a')).stderr, 'released v1.0.0');
  const first = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.0.0');
  assert.is(first.code, 0, first.stderr);
  // A new app, with its pointers, lands with the next release: the server's HEAD does not have it yet.
  await repo.git('switch', '-q', '-c', 'feature/billing');
  for (const env of ['dev', 'qa', 'prod'])
    repo.write(`apps/billing/overlays/${env}/kustomization.yaml`, 'resources: []\n');
  await repo.git('add', 'apps');
  await repo.git('commit', '-qm', 'feat: billing', '--no-verify');
  assert.is((await repo.trunk(['env', 'manifests'])).code, 0);
  await repo.git('add', 'gitops');
  await repo.git('commit', '-qm', 'feat: billing pointers', '--no-verify');
  await repo.git('switch', '-q', 'main');
  const merged = await repo.gitResult('merge', '--no-ff', '-m', "Merge branch 'feature/billing'", 'feature/billing');
  assert.match(merged.stderr, 'released v1.1.0 (minor); prod now runs v1.0.0');
  assert.equal((await repo.git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort(), [
    'CHANGELOG.md',
    'gitops/flux/prod/api.yaml',
    'gitops/flux/prod/billing.yaml',
    'gitops/flux/prod/web.yaml',
  ]);
  const push = await repo.gitResult('push', '--no-verify', '--atomic', 'origin', 'main', 'v1.1.0');
  assert.is(push.code, 0, push.stderr);
  assert.is(await remoteSha(repo, 'refs/heads/main'), await repo.sha());
});

test.run();
