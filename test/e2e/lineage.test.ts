// The pre-commit hook reads a feature branch's lineage from one `git log` (commit-facts.ts quickLineage) and falls
// back to readLineage's four questions where it must. Both must give the same facts, here on real repositories in
// every shape a branch takes: just cut, ahead, behind, diverged, unrelated, stacked, cut from a fetched origin/main,
// stacked on what only origin has merged, pushed, beside origin/HEAD. And a user's log.showSignature must not reach
// the parsing.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readCommitFacts, readLineage, trunkRefs } from '../../src/adapters/git/commit-facts.js';
import { openRepo } from '../../src/adapters/git/repo.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';
import { addOrigin, initRepo, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('lineage: the one-log fast path and the exact questions agree');

/** The pre-commit facts' lineage, and readLineage's answer to the same questions; ages to the hour. */
async function both(repo: Repo) {
  const opened = await openRepo(repo.dir, { ...process.env, ...repo.env, GIT_CONFIG_NOSYSTEM: '1' });
  const branch = (await repo.git('symbolic-ref', '--short', 'HEAD')).trim();
  const facts = await readCommitFacts(opened, defaultPolicy);
  const tips = (await trunkRefs(opened, 'main')).filter((ref) => ref !== `refs/heads/${branch}`);
  const exact = await readLineage(opened, 'HEAD', branch, 'main', tips);
  const hours = (l: typeof exact) => ({ ...l, ageDays: l.ageDays === null ? null : Math.round(l.ageDays * 24) });
  return { fast: hours(facts.lineage!), exact: hours(exact) };
}

async function trunkWith(commits: number): Promise<Repo> {
  const repo = await initRepo();
  for (let i = 0; i < commits; i++) await repo.git('commit', '-q', '--allow-empty', '-m', `chore: main ${i}`);
  return repo;
}

const commit = (repo: Repo, message: string) => repo.git('commit', '-q', '--allow-empty', '-m', message);

const shapes: [string, () => Promise<Repo>][] = [
  [
    'just cut from main',
    async () => {
      const repo = await trunkWith(2);
      await repo.git('switch', '-q', '-c', 'feature/a');
      return repo;
    },
  ],
  [
    'ahead of main',
    async () => {
      const repo = await trunkWith(2);
      await repo.git('switch', '-q', '-c', 'feature/a');
      await commit(repo, 'feat: one');
      await commit(repo, 'feat: two');
      return repo;
    },
  ],
  [
    'behind main',
    async () => {
      const repo = await trunkWith(1);
      await repo.git('branch', 'feature/a');
      await commit(repo, 'chore: main moves');
      await repo.git('switch', '-q', 'feature/a');
      return repo;
    },
  ],
  [
    'diverged',
    async () => {
      const repo = await trunkWith(1);
      await repo.git('switch', '-q', '-c', 'feature/a');
      await commit(repo, 'feat: mine');
      await repo.git('switch', '-q', 'main');
      await commit(repo, 'chore: theirs');
      await commit(repo, 'chore: theirs again');
      await repo.git('switch', '-q', 'feature/a');
      return repo;
    },
  ],
  [
    'unrelated to main',
    async () => {
      const repo = await trunkWith(2);
      await repo.git('switch', '-q', '--orphan', 'feature/a');
      await commit(repo, 'feat: from nothing');
      return repo;
    },
  ],
  [
    'stacked on an unmerged branch',
    async () => {
      const repo = await trunkWith(1);
      await repo.git('switch', '-q', '-c', 'feature/base');
      await commit(repo, 'feat: base');
      await repo.git('switch', '-q', '-c', 'feature/a');
      await commit(repo, 'feat: on top');
      return repo;
    },
  ],
  [
    'cut from a fetched origin/main that the local main is behind',
    async () => {
      const repo = await trunkWith(1);
      await addOrigin(repo);
      await repo.git('push', '-q', '-u', 'origin', 'main');
      await commit(repo, 'chore: merged on the forge');
      await repo.git('push', '-q', 'origin', 'main');
      await repo.git('remote', 'set-head', 'origin', 'main');
      await repo.git('reset', '-q', '--hard', 'HEAD~1');
      await repo.git('switch', '-q', '-c', 'feature/a', 'origin/main');
      await commit(repo, 'feat: mine');
      return repo;
    },
  ],
  [
    'on a branch only origin has merged, pushed, beside origin/HEAD',
    async () => {
      const repo = await trunkWith(1);
      await addOrigin(repo);
      await repo.git('push', '-q', '-u', 'origin', 'main');
      await repo.git('remote', 'set-head', 'origin', 'main');
      await repo.git('switch', '-q', '-c', 'feature/base');
      await commit(repo, 'feat: base');
      // origin's main has feature/base merged; the local main has not been pulled.
      await repo.git('push', '-q', 'origin', 'feature/base:main');
      await repo.git('switch', '-q', '-c', 'feature/a');
      await commit(repo, 'feat: on top');
      await repo.git('push', '-q', '-u', 'origin', 'feature/a');
      return repo;
    },
  ],
];

for (const [shape, make] of shapes)
  test(shape, async () => {
    const { fast, exact } = await both(await make());
    assert.equal(fast, exact);
  });

test('the facts are right, not only equal: stacked, behind, unrelated', async () => {
  const stacked = await both(await shapes[5][1]());
  assert.equal(stacked.fast.stackedOn, ['feature/base']);
  const behind = await both(await shapes[2][1]());
  assert.is(behind.fast.behind, 1);
  const unrelated = await both(await shapes[4][1]());
  assert.is(unrelated.fast.offTrunk, false);
  const merged = await both(await shapes[7][1]());
  assert.equal(merged.fast.stackedOn, []);
  const fetched = await both(await shapes[6][1]());
  assert.equal([fetched.fast.stackedOn, fetched.fast.behind, fetched.fast.offTrunk], [[], 0, true]);
});

test('a user who shows signatures in git log: signed commits are still read as commits', async () => {
  const repo = await trunkWith(1);
  const key = join(tempDir('key'), 'id');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  const allowed = join(tempDir('allowed'), 'signers');
  writeFileSync(allowed, `test@example.com ${execFileSync('cat', [`${key}.pub`], { encoding: 'utf8' })}`);
  for (const [k, v] of [
    ['gpg.format', 'ssh'],
    ['user.signingkey', key],
    ['gpg.ssh.allowedSignersFile', allowed],
    ['log.showSignature', 'true'],
  ])
    await repo.git('config', k, v);
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.git('commit', '-q', '-S', '--allow-empty', '-m', 'feat: signed');
  assert.match(await repo.git('log', '-1', '--format=%s'), /Good "git" signature/);
  const { fast, exact } = await both(repo);
  assert.equal(fast, exact);
  assert.is(fast.ageDays, 0);
  assert.is(fast.behind, 0);
});

test.run();
