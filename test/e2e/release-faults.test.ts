import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, run, tempDir, type Repo } from '../helpers/repo.js';

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
  assert.is(
    (await repo.git('log', '--format=%s')).split('\n').filter((s) => s.startsWith('chore(release):')).length,
    1,
  );
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
  assert.match(
    await repo.git('tag', '-l', '--format=%(contents)', 'v1.0.0'),
    /^## 1\.0\.0 .*\n\n### Features\n\n\* a /,
  );
});

/** A PATH whose git runs the sh `action` instead when its arguments (after any `-c name=value`) start with
 * `prefix`, and is git otherwise. */
async function wrappedGit(prefix: string, action: string): Promise<string> {
  const bin = tempDir('wrapped-git');
  const real = (await run('sh', ['-c', 'command -v git'], { cwd: bin })).stdout.trim();
  writeFileSync(
    join(bin, 'git'),
    `#!/bin/sh\ncommand_of() { while [ "$1" = -c ]; do shift 2; done; echo "$*"; }\n` +
      `case "$(command_of "$@")" in ${JSON.stringify(prefix)}*) ${action} ;; esac\nexec ${real} "$@"\n`,
    { mode: 0o755 },
  );
  return `${bin}:${process.env.PATH}`;
}

test('killed for real between the release commit and the tag: the next run completes the release', async () => {
  // A git that kills its caller (trunk, with SIGKILL: no cleanup runs) when asked to create the tag.
  const killed = await repo.trunk(['release'], { env: { PATH: await wrappedGit('tag -a', 'kill -9 $PPID; exit 1') } });
  assert.is.not(killed.code, 0);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'chore(release): v1.0.0', 'the crash left a release commit');
  assert.is(await repo.git('tag', '--list'), '', 'and no tag');
  assert.ok(existsSync(lockFile()), 'and its lock');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'completed the interrupted release v1.0.0');
  assert.is(await repo.git('rev-parse', 'v1.0.0^{commit}'), await repo.sha());
  assert.ok(!existsSync(lockFile()));
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

/** Runs `fn` while `paths` are immutable (chattr +i: even root cannot write them): a failing disk, for real. */
async function immutable(paths: string[], fn: () => Promise<void>) {
  await run('chattr', ['-R', '+i', ...paths], { cwd: repo.dir });
  try {
    await fn();
  } finally {
    await run('chattr', ['-R', '-i', ...paths], { cwd: repo.dir });
  }
}

/** Whether chattr +i works here (it needs a file system and privileges that allow it). */
async function canImmute(): Promise<boolean> {
  const dir = tempDir('chattr');
  writeFileSync(join(dir, 'probe'), '');
  const set = await run('chattr', ['+i', 'probe'], { cwd: dir });
  await run('chattr', ['-i', 'probe'], { cwd: dir });
  return set.code === 0;
}

/** A release that hits a fault (`during` runs it): exit 2, "undone", the repository as it was, then a good release. */
async function faultLeavesNothing(
  during: (release: () => Promise<void>) => Promise<void>,
  env: Record<string, string> = {},
) {
  repo.write('CHANGELOG.md', '# Changelog\n\n## 0.9.0\n\n* older notes\n');
  await repo.git('add', 'CHANGELOG.md');
  await repo.git('commit', '-q', '-m', 'docs: the changelog so far', '--no-verify');
  mkdirSync(join(repo.dir, '.git/refs/tags'), { recursive: true });
  const before = await repo.releaseState();
  await during(async () => {
    const r = await repo.trunk(['release'], { env });
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, 'the release failed and was undone');
  });
  assert.equal(await repo.releaseState(), before);
  assert.is((await repo.trunk(['release'])).code, 0, 'the same release succeeds once the fault is gone');
}

// Each step of the release fails once, through a git that fails as a full or read-only disk makes it fail: runs
// everywhere, root or not.
const gitFaults: [string, string, string][] = [
  [
    'the object store cannot be written (before the release commit)',
    'hash-object -w',
    'error: unable to create temporary file: No space left on device',
  ],
  [
    'the index cannot be written (after the changelog was written)',
    'update-index',
    "fatal: Unable to create '.git/index.lock': Read-only file system",
  ],
  [
    'the tag cannot be written (after the release commit)',
    'tag -a',
    "fatal: cannot lock ref 'refs/tags/v1.0.0': Read-only file system",
  ],
];
for (const [name, prefix, error] of gitFaults)
  test(`fault: ${name}: no half release, the repository exactly as before`, async () => {
    const PATH = await wrappedGit(prefix, `echo ${JSON.stringify(error)} >&2; exit 128`);
    await faultLeavesNothing((release) => release(), { PATH });
  });

// The same faults from the disk itself, where chattr +i is permitted (it needs CAP_LINUX_IMMUTABLE).
const diskFaults: [string, () => string[]][] = [
  ['the changelog file is read-only', () => ['CHANGELOG.md']],
  ['the object store is read-only', () => ['.git/objects']],
  ['the tags directory is read-only', () => ['.git/refs/tags']],
];
const canChattr = await canImmute();
if (!canChattr)
  console.log('release faults: chattr +i is not permitted here; the disk faults run through a failing git only');
for (const [name, paths] of canChattr ? diskFaults : [])
  test(`fault on disk: ${name}: no half release, the repository exactly as before`, async () => {
    await faultLeavesNothing((release) => immutable(paths(), release));
  });

test('fault: the tag already exists on the remote: the atomic push is rejected and everything is undone', async () => {
  const other = await makeRepo();
  await other.git('remote', 'add', 'origin', await repo.git('remote', 'get-url', 'origin'));
  await other.git('tag', '-a', 'v1.0.0', '-m', 'released elsewhere');
  await other.git('push', '-q', '--no-verify', 'origin', 'v1.0.0');
  const before = await repo.releaseState();
  const r = await repo.trunk(['release', '--push']);
  assert.is(r.code, 2);
  assert.match(r.stderr, 'the release failed and was undone');
  assert.equal(await repo.releaseState(), before);
});

test.run();
