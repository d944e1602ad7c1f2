import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, run, tempDir, TRUNK, type Repo } from '../helpers/repo.js';

const test = suite('trunk check in CI');
let dev: Repo;
let origin: string;

test.before.each(async () => {
  dev = await makeRepo({ remote: true });
  origin = await dev.git('remote', 'get-url', 'origin');
});

/** Pushes a branch with these commits (hooks skipped: CI must catch what clients let through). */
async function openPullRequest(branch: string, messages: string[], from = 'main') {
  await dev.git('switch', '-q', '-c', branch, from);
  for (const m of messages) await dev.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', m);
  await dev.git('push', '-q', '--no-verify', 'origin', branch);
}

/** A CI checkout: a fresh clone, detached at the pull request's head (`depth` for a shallow one). */
async function ciCheckout(branch: string, depth?: number): Promise<string> {
  const dir = tempDir('ci');
  await run(
    'git',
    [
      'clone',
      '-q',
      '--no-local',
      ...(depth ? ['--depth', String(depth), '--no-single-branch'] : []),
      `file://${origin}`,
      dir,
    ],
    { cwd: dir },
  );
  await run('git', ['checkout', '-q', '--detach', `origin/${branch}`], { cwd: dir });
  return dir;
}

function github(dir: string, branch: string, title: string) {
  const event = join(dir, '..', `event-${branch.replace(/\W/g, '-')}.json`);
  writeFileSync(event, JSON.stringify({ pull_request: { title } }));
  return { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: branch, GITHUB_EVENT_PATH: event };
}

const check = (dir: string, env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [TRUNK, 'check', ...args], { cwd: dir, env });

test('a good pull request passes', async () => {
  await openPullRequest('feature/ok', ['feat: add ingress', 'fix: probe']);
  const dir = await ciCheckout('feature/ok');
  const r = await check(dir, github(dir, 'feature/ok', 'feat: add ingress'));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '2 commits from feature/ok into main: every rule holds');
});

test('every problem is reported, with ::error annotations under GitHub Actions', async () => {
  await openPullRequest('wip', ['feat: fine', 'WIP', 'Fixed stuff.']);
  const dir = await ciCheckout('wip');
  const r = await check(dir, github(dir, 'wip', 'My changes'));
  assert.is(r.code, 1);
  const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
  assert.is(annotations.length, 4, r.stdout);
  assert.match(r.stdout, '::error title=trunk check: branch-name::Branch "wip" may not be merged');
  assert.match(r.stdout, /::error title=trunk check: commit-message::[0-9a-f]{7} "WIP"/);
  assert.match(r.stdout, /::error title=trunk check: commit-message::[0-9a-f]{7} "Fixed stuff\."/);
  assert.match(
    r.stdout,
    '::error title=trunk check: title::The pull request title "My changes" is not a Conventional Commit',
  );
  assert.match(r.stderr, '2 commits have messages that are not Conventional Commits');
});

test('a pull request cannot loosen the rules that judge it, nor run its code in CI', async () => {
  await dev.git('switch', '-q', '-c', 'anything-goes');
  dev.write('trunk.config.json', JSON.stringify({ branches: ['**'] }));
  dev.write('.commitlintrc.json', JSON.stringify({ rules: {} }));
  dev.write(
    'commitlint.config.mjs',
    `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(join(origin, '..', 'pwned'))}, 'x'); export default {};\n`,
  );
  await dev.git('add', '-A');
  await dev.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'loosen everything');
  await dev.git('push', '-q', '--no-verify', 'origin', 'anything-goes');
  const dir = await ciCheckout('anything-goes');
  const r = await check(dir, github(dir, 'anything-goes', 'loosen everything'));
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Branch "anything-goes" may not be merged');
  assert.match(r.stderr, '"loosen everything": subject may not be empty');
  assert.ok(!existsSync(join(origin, '..', 'pwned')), 'the pull request’s config code never ran');
});

test('a shallow checkout says which fetch fixes it, instead of a false verdict', async () => {
  await openPullRequest('feature/deep', ['feat: a', 'feat: b']);
  const dir = await ciCheckout('feature/deep', 1);
  const r = await check(dir, github(dir, 'feature/deep', 'feat: deep'));
  assert.is(r.code, 2);
  assert.match(r.stderr, 'fetch-depth: 0');
});

test('a pull request stacked on another unmerged branch is refused', async () => {
  await openPullRequest('feature/base', ['feat: base']);
  await openPullRequest('feature/top', ['feat: top'], 'feature/base');
  const dir = await ciCheckout('feature/top');
  const r = await check(dir, github(dir, 'feature/top', 'feat: top'));
  assert.is(r.code, 1);
  assert.match(r.stderr, 'The branch is stacked on "origin/feature/base"');
});

test('GitLab merge requests: the title is checked, and --json reports for machines', async () => {
  await openPullRequest('feature/mr', ['feat: mr']);
  const dir = await ciCheckout('feature/mr');
  const env = {
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/mr',
    CI_MERGE_REQUEST_TITLE: 'Draft: stuff',
  };
  const r = await check(dir, env, '--json');
  assert.is(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.equal([json.ok, json.source, json.target, json.commits], [false, 'feature/mr', 'main', 1]);
  assert.equal(
    json.problems.map((p: { rule: string }) => p.rule),
    ['title'],
  );
});

test('outside CI, a branch whose working tree names itself the trunk is judged by the committed config of main', async () => {
  const marker = join(origin, '..', 'config-code-ran');
  await dev.git('switch', '-q', '-c', 'anything-goes');
  dev.write('trunk.config.json', JSON.stringify({ trunk: 'anything-goes', branches: ['**'] }));
  dev.write(
    'trunk.config.mjs',
    `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default { trunk: 'anything-goes' };\n`,
  );
  dev.write('.commitlintrc.json', JSON.stringify({ rules: {} }));
  await dev.git('add', '-A');
  await dev.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'wip garbage');
  const r = await dev.trunk(['check', '--json']);
  assert.is(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(
    [json.base, json.target],
    [await dev.sha('main'), 'main'],
    'no origin/HEAD here: the base is refs/heads/main',
  );
  assert.equal(
    json.problems.map((p: { rule: string }) => p.rule),
    ['branch-name', 'commit-message'],
  );
  assert.match(r.stderr, '"wip garbage"');
  assert.ok(!existsSync(marker), 'the trunk.config.mjs of the branch never ran');
});

test('outside CI, origin/HEAD is the base before a local main, and --base before both', async () => {
  await dev.git('remote', 'set-head', 'origin', 'main');
  // A local main with a loosened config the forge never got: the forge's default branch still judges.
  dev.write('trunk.config.json', JSON.stringify({ branches: ['**'] }));
  await dev.git('add', 'trunk.config.json');
  await dev.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'chore: loosen the branch names');
  await openPullRequest('anything', ['feat: fine']);
  const r = await dev.trunk(['check', '--json']);
  assert.is(r.code, 1, r.stderr);
  // Judged against origin/main: the local main commit is an unmerged branch under this one.
  assert.equal(
    [JSON.parse(r.stdout).base, JSON.parse(r.stdout).problems.map((p: { rule: string }) => p.rule)],
    [await dev.sha('origin/main'), ['branch-name', 'stacked']],
  );
  const local = await dev.trunk(['check', '--json', '--base', 'main']);
  assert.is(local.code, 0, local.stderr);
  assert.is(JSON.parse(local.stdout).base, await dev.sha('main'));
});

test('outside CI with no origin/HEAD and no main, the error names the flag that fixes it', async () => {
  await dev.git('branch', '-q', '-m', 'main', 'feature/lonely');
  const r = await dev.trunk(['check']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'origin/HEAD is not set and refs/heads/main does not exist');
  assert.match(r.stderr, 'trunk check --base origin/<trunk>');
});

test.run();
