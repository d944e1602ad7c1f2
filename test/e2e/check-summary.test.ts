// `trunk check --summary`: what merging a pull request would release and where each environment goes, computed as if
// merged. Each preview is held against the real thing: the pull request merged with plain git in a second clone,
// with the message the forge would write, then `trunk release` and `trunk env` there.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closeMermaid, parseFlowchart } from '../helpers/mermaid.js';
import { initRepo, makeRepo, Repo, run, tempDir, addOrigin } from '../helpers/repo.js';

const test = suite('trunk check --summary');
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01: the notes' date, in both clones

/** A repository whose merges only preview their release (`release.onMerge: "notes"`, as with --ci), on a remote. */
async function setUp(...flags: string[]): Promise<Repo> {
  const repo = flags.length ? await initRepo() : await makeRepo();
  if (flags.length) assert.is((await repo.trunkInit(['--no-install', ...flags])).code, 0);
  const config = JSON.parse(repo.read('trunk.config.json'));
  repo.write('trunk.config.json', JSON.stringify({ ...config, release: { ...config.release, onMerge: 'notes' } }));
  await repo.git('add', '-A');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'chore: release from CI');
  await addOrigin(repo);
  return repo;
}

/** Merges a branch with these commits into main and cuts its release, as the CI release job does after a merge. */
async function mergeAndRelease(repo: Repo, branch: string, message: string) {
  assert.is((await repo.mergeFeature(branch, message)).code, 0);
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
}

/** The pull request: a branch cut from `from` with these commits, pushed; main and the tags pushed too. */
async function openPullRequest(repo: Repo, branch: string, messages: string[], from = 'main') {
  await repo.git('switch', '-q', '-c', branch, from);
  for (const m of messages) assert.is((await repo.commit(m)).code, 0);
  await repo.git('push', '-q', '--no-verify', '--tags', 'origin', 'main', branch);
}

/** GitHub Actions' environment for pull request #7 from acme:<branch>, with its step summary file. */
async function github(repo: Repo, branch: string, title: string) {
  const dir = tempDir('github');
  const event = join(dir, 'event.json');
  const [base, head] = [await repo.sha('main'), await repo.sha(branch)];
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: { number: 7, title, base: { sha: base }, head: { sha: head, label: `acme:${branch}` } },
    }),
  );
  const summary = join(dir, 'step-summary.md');
  writeFileSync(summary, '');
  const env = { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: branch, GITHUB_EVENT_PATH: event };
  return { env: { ...env, GITHUB_STEP_SUMMARY: summary, ...EPOCH }, summary };
}

/** The pull request merged for real in a second clone, with `message`: the repository as CI's release job sees it. */
async function mergedForReal(repo: Repo, branch: string, message: string): Promise<Repo> {
  const clone = new Repo(tempDir('merged'));
  const origin = await repo.git('remote', 'get-url', 'origin');
  await run('git', ['clone', '-q', '-b', 'main', origin, clone.dir], { cwd: clone.dir });
  await clone.git('config', 'user.name', 'Test');
  await clone.git('config', 'user.email', 'test@example.com');
  const [subject, ...body] = message.split('\n\n');
  await clone.git('merge', '-q', '--no-ff', ...[subject, ...body].flatMap((m) => ['-m', m]), `origin/${branch}`);
  return clone;
}

/** The notes a summary shows: its indented code block, as written. */
const notesIn = (markdown: string) =>
  /The notes, as `trunk release` will write them:\n\n((?: {4}.*\n)+)/
    .exec(markdown)![1]
    .split('\n')
    .map((line) => line.slice(4))
    .join('\n');

test('as if merged: the version and notes are those trunk release cuts after the real merge, byte for byte', async () => {
  const repo = await setUp();
  await mergeAndRelease(repo, 'feature/first', 'feat: first');
  // The pull request is cut before a feature lands on main unreleased: from its head alone it would be a patch.
  await repo.git('switch', '-q', '-c', 'feature/probe', 'main');
  assert.is((await repo.commit('fix: the readiness probe')).code, 0);
  await repo.git('switch', '-q', 'main');
  assert.is((await repo.mergeFeature('feature/ingress', 'feat: the ingress')).code, 0);
  await repo.git('push', '-q', '--no-verify', '--tags', 'origin', 'main', 'feature/probe');
  await repo.git('switch', '-q', 'feature/probe');
  const headAlone = JSON.parse((await repo.trunk(['notes', '--json'], { env: EPOCH })).stdout);
  assert.is(
    headAlone.notes.includes('the ingress'),
    false,
    'from the head alone, main’s unreleased feature is missing',
  );

  const { env, summary } = await github(repo, 'feature/probe', 'fix: the readiness probe');
  const r = await repo.trunk(['check', '--summary', '--json'], { env });
  assert.is(r.code, 0, r.stderr);
  const { preview } = JSON.parse(r.stdout);
  assert.equal([preview.release.version, preview.release.bump], ['1.1.0', 'minor']);

  const clone = await mergedForReal(
    repo,
    'feature/probe',
    'Merge pull request #7 from acme/feature/probe\n\nfix: the readiness probe',
  );
  const real = await clone.trunk(['release', '--dry-run', '--json'], { env: EPOCH });
  assert.is(real.code, 0, real.stderr);
  const released = JSON.parse(real.stdout);
  assert.equal(preview.release, {
    version: released.version,
    tag: released.tag,
    previousTag: released.previousTag,
    bump: released.bump,
    commits: released.commits,
    notes: released.notes,
  });
  assert.match(released.notes, /\* the ingress [0-9a-f]{7}\n[^]*\* the readiness probe/);
  const markdown = readFileSync(summary, 'utf8');
  assert.match(
    markdown,
    `Merging it releases **\`v1.1.0\`** (a minor bump, ${released.commits} commits since \`v1.0.0\`)`,
  );
  assert.is(notesIn(markdown), released.notes, 'the step summary holds the notes as trunk release writes them');
});

test('three environments: the summary says where each goes, as trunk env says it after the merge and release', async () => {
  const repo = await setUp('--envs', '3');
  await mergeAndRelease(repo, 'feature/first', 'feat: first');
  assert.is((await repo.trunk(['env', 'promote', 'prod'])).code, 0);
  await mergeAndRelease(repo, 'feature/fix', 'fix: a probe');
  await openPullRequest(repo, 'feature/ingress', ['feat: the ingress']);
  const { env, summary } = await github(repo, 'feature/ingress', 'feat: the ingress');
  const r = await repo.trunk(['check', '--summary', '--json'], { env });
  assert.is(r.code, 0, r.stderr);
  const { preview } = JSON.parse(r.stdout);
  assert.is(preview.release.tag, 'v1.1.0-rc.1');
  assert.equal(
    preview.environments.map((e: { name: string; when: string | null; stays: string | null }) => [
      e.name,
      e.when,
      e.stays,
    ]),
    [
      ['dev', 'merge', null],
      ['qa', 'release', null],
      ['prod', null, 'until promoted: trunk env promote prod'],
    ],
  );

  const clone = await mergedForReal(
    repo,
    'feature/ingress',
    'Merge pull request #7 from acme/feature/ingress\n\nfeat: the ingress',
  );
  const cut = await clone.trunk(['release'], { env: EPOCH });
  assert.is(cut.code, 0, cut.stderr);
  const real = JSON.parse((await clone.trunk(['env', '--json'])).stdout);
  assert.equal(
    preview.environments.map((e: { after: { ref: string; version: string } }) => [e.after.ref, e.after.version]),
    real.environments.map((e: { tag: string | null; version: string }) => [e.tag ?? 'main', e.version]),
    'each environment runs what the summary said, once merged and released',
  );

  const markdown = readFileSync(summary, 'utf8');
  assert.is(JSON.stringify(markdown).includes(JSON.stringify(preview.mermaid).slice(1, -1)), true, 'the diagram');
  const chart = await parseFlowchart(preview.mermaid);
  assert.equal(
    chart.nodes.map((n) => [n.id, n.lines.join(' | '), n.classes]),
    [
      ['pr', 'pull request | feature/ingress into main | releases v1.1.0-rc.1', ['request']],
      ['env0', 'dev | main (1.0.1-rc.1) | → main (1.1.0-rc.1)', ['moves']],
      ['env1', 'qa | v1.0.1-rc.1 | → v1.1.0-rc.1', ['moves']],
      ['env2', 'prod | v1.0.0 | stays', []],
    ],
  );
  assert.match(markdown, '| `prod` | `v1.0.0` | `v1.0.0` | stays: `until promoted: trunk env promote prod` |');
});

const KUSTOMIZE: Record<string, (image: string, password: string) => string> = {
  'deploy/base/kustomization.yaml': (_, password) =>
    `resources: [deployment.yaml]\nsecretGenerator:\n  - name: api-secret\n    literals: [password=${password}]\n`,
  'deploy/base/deployment.yaml': (image) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: api, image: ${image}}\n`,
  ...Object.fromEntries(
    ['dev', 'qa', 'prod'].map((env) => [
      `deploy/overlays/${env}/kustomization.yaml`,
      () => `resources: [../../base]\nnamespace: shop-${env}\n`,
    ]),
  ),
};

/** Writes the Kustomize layout with this image and password and commits it (no hooks: the history is given). */
async function writeWorkloads(repo: Repo, image: string, password: string, message: string) {
  for (const [path, text] of Object.entries(KUSTOMIZE)) repo.write(path, text(image, password));
  await repo.git('add', '-A');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', message);
}

test('the first environment the merge moves, rendered: its objects and fields as trunk env diff shows them, Secret values hidden', async () => {
  const repo = await setUp('--envs', '3');
  await writeWorkloads(repo, 'acme/api:1.4.1', 's3cr3t-one', 'feat: the api workloads');
  await repo.git('switch', '-q', '-c', 'feature/api-1.5', 'main');
  await writeWorkloads(repo, 'acme/api:1.5.0', 's3cr3t-two', 'feat: api 1.5.0');
  await repo.git('push', '-q', '--no-verify', '--tags', 'origin', 'main', 'feature/api-1.5');
  const { env, summary } = await github(repo, 'feature/api-1.5', 'feat: api 1.5.0');
  const r = await repo.trunk(['check', '--summary', '--json'], { env });
  assert.is(r.code, 0, r.stderr);
  const { rendered } = JSON.parse(r.stdout).preview;
  assert.is(rendered.env, 'dev', 'dev follows main: the merge moves it first');
  const [section] = rendered.sections;
  assert.equal([section.before.ref, section.after.ref], ['main', 'main with this merge']);
  const markdown = readFileSync(summary, 'utf8');
  assert.match(markdown, '#### What changes in dev');
  assert.match(markdown, '`spec.template.spec.containers[api].image`: `acme/api:1.4.1` → `acme/api:1.5.0`');
  assert.match(markdown, '`data.password` changed (value hidden)');
  for (const secret of [
    's3cr3t',
    Buffer.from('s3cr3t-one').toString('base64'),
    Buffer.from('s3cr3t-two').toString('base64'),
  ]) {
    assert.not.match(markdown, secret);
    assert.not.match(r.stdout, secret);
  }
  // Exactly the two objects the change reaches: the Secret under its new hash suffix, the Deployment's image.
  assert.equal(
    section.objects.map((o: { kind: string; change: string; renamedFrom: string | null }) => [
      o.kind,
      o.change,
      Boolean(o.renamedFrom),
    ]),
    [
      ['Secret', 'changed', true],
      ['Deployment', 'changed', false],
    ],
  );
});

test('two environments, nothing to release: qa moves on the merge, prod stays', async () => {
  const repo = await setUp('--envs', '2');
  await mergeAndRelease(repo, 'feature/first', 'feat: first');
  await openPullRequest(repo, 'feature/docs', ['docs: the runbook']);
  const r = await repo.trunk(['check', '--summary'], { env: EPOCH });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'Merging it releases nothing: none of the 2 commits since `v1.0.0` is a feat, fix, perf');
  assert.match(r.stdout, '| `qa` | `main (1.0.0)` | `main (1.0.0+2)` | on the merge |');
  assert.match(r.stdout, '| `prod` | `v1.0.0` | `v1.0.0` | stays: `nothing to release` |');
});

test('a freeze window of the environment the release would move: the summary says the release job would refuse it', async () => {
  const repo = await setUp('--envs', '2');
  await mergeAndRelease(repo, 'feature/first', 'feat: first');
  const today = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date().getUTCDay()];
  const config = JSON.parse(repo.read('trunk.config.json'));
  config.environments.find((e: { name: string }) => e.name === 'prod').promotion = { freeze: [{ days: [today] }] };
  repo.write('trunk.config.json', JSON.stringify(config));
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-qam', 'chore: freeze prod today');
  await openPullRequest(repo, 'feature/wishlist', ['feat: wishlist']);
  const r = await repo.trunk(['check', '--summary'], { env: EPOCH });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, 'Merging it releases **`v1.1.0`**');
  assert.match(
    r.stdout,
    '⚠️ A freeze window holds it: the release job would refuse to cut it now.\n\n    v1.1.0 would move prod, frozen now;',
  );
  assert.match(r.stdout, `    freeze: frozen until `);
  const json = JSON.parse((await repo.trunk(['check', '--summary', '--json'], { env: EPOCH })).stdout);
  assert.equal(
    json.preview.frozen.map((g: { env: string; open: boolean }) => [g.env, g.open]),
    [['prod', false]],
  );
});

test('a hostile branch name and commit stay text: no HTML, no quick action, the diagram intact', async () => {
  const repo = await setUp('--envs', '2');
  await mergeAndRelease(repo, 'feature/first', 'feat: first');
  const branch = 'feature/x"])-->evil("<img/src=x/onerror=alert(1)>")#quot;`';
  await repo.git('switch', '-q', '-c', branch, 'main');
  const message = [
    'feat: add <img src=x onerror=alert(1)> for @all',
    '',
    'BREAKING CHANGE: the old API is gone',
    '/merge',
    '```',
    '# Merging it releases v9.9.9',
  ].join('\n');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', message);
  const r = await repo.trunk(['check', '--summary', '--json'], { env: EPOCH });
  assert.is(r.code, 1, 'the branch name is refused; the summary is written all the same');
  const { preview } = JSON.parse(r.stdout);
  assert.is(preview.release.tag, 'v2.0.0');
  const markdown = (await repo.trunk(['check', '--summary'], { env: EPOCH })).stdout;
  const html = new MarkdownIt({ html: true }).render(markdown);
  const outsideCode = html.replace(/<pre><code[^>]*>[^]*?<\/code><\/pre>|<code>[^]*?<\/code>/g, '');
  assert.not.match(outsideCode, /<img|onerror|@all|\/merge|v9\.9\.9/, outsideCode);
  assert.match(html, '&lt;img src=x onerror=alert(1)&gt; for @all', 'the subject is shown, as code');
  assert.not.match(markdown, /^\/merge/m, 'no line of the note is a quick action');
  const chart = await parseFlowchart(preview.mermaid);
  assert.equal(
    chart.nodes.map((n) => n.id),
    ['pr', 'env0', 'env1'],
  );
  assert.is(chart.nodes[0].lines[1], `${branch} into main`);
  assert.equal(
    chart.edges.map((e) => [e.from, e.to]),
    [
      ['env0', 'env1'],
      ['pr', 'env0'],
      ['pr', 'env1'],
    ],
  );
});

test('--summary FILE writes there; a FILE without --summary is a usage error', async () => {
  const repo = await setUp();
  await openPullRequest(repo, 'feature/a', ['feat: a']);
  const file = join(tempDir('out'), 'summary.md');
  const r = await repo.trunk(['check', '--summary', file]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  assert.match(
    readFileSync(file, 'utf8'),
    /^<!-- trunk check --summary -->\n\n### trunk check: `feature\/a` into `main`/,
  );
  assert.match(readFileSync(file, 'utf8'), 'Merging it releases **`v1.0.0`**');
  const stray = await repo.trunk(['check', file]);
  assert.is(stray.code, 2);
  assert.match(stray.stderr, `unexpected argument "${file}": trunk check takes a FILE only after --summary.`);
  const nowhere = await repo.trunk(['check', '--summary', join(file, 'not-a-dir', 'x.md')]);
  assert.is(nowhere.code, 2);
  assert.match(nowhere.stderr, 'the summary could not be written to');
});

test.after(closeMermaid);
test.run();
