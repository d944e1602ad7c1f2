// Which release HEAD reaches, found without `git tag --merged`'s walk of the whole history, held to what
// `git tag --merged` says on generated histories: merges, side branches, skewed commit dates, tags that are
// annotated or not, prereleases above and below the top release, tags of trees and tags of tags.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { reachedReleases, readRange, tagCommits } from '../../src/adapters/git/release-facts.js';
import { openRepo } from '../../src/adapters/git/repo.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';
import { decidingTags, lastCandidate, lastRelease } from '../../src/core/versioning/plan.js';
import { cleanEnv, initRepo, run } from '../helpers/repo.js';

const test = suite('reached releases');

const TAGS = ['v1.0.0', 'v1.1.0', 'v2.0.0', 'v1.1.0-rc.1', 'v2.0.0-rc.1', 'v2.1.0-rc.2', 'v0.9.0-rc.1', '1.5.0'];

interface History {
  /** Each commit's parents, among the commits before it. */
  parents: number[][];
  /** Seconds after the first commit: dates need not follow the graph. */
  dates: number[];
  tags: { name: string; at: number; kind: 'light' | 'annotated' | 'tree' | 'tag-of-tag' }[];
  head: number;
}

const history: fc.Arbitrary<History> = fc.integer({ min: 1, max: 10 }).chain((size) =>
  fc.record({
    parents: fc.tuple(
      fc.constant([] as number[]),
      ...Array.from({ length: size - 1 }, (_, i) =>
        fc.uniqueArray(fc.integer({ min: 0, max: i }), { minLength: 1, maxLength: 2 }),
      ),
    ),
    dates: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: size, maxLength: size }),
    tags: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...TAGS),
        at: fc.integer({ min: 0, max: size - 1 }),
        kind: fc.constantFrom('light', 'annotated', 'annotated', 'tree', 'tag-of-tag'),
      }),
      { selector: (t) => t.name, maxLength: 6 },
    ),
    head: fc.integer({ min: 0, max: size - 1 }),
  }),
);

/** A repository holding `h`, every commit on a branch of its own, written by git fast-import. */
async function build(h: History): Promise<{ dir: string; shas: string[] }> {
  const repo = await initRepo();
  const stream = h.parents
    .map((parents, i) => {
      const from = parents.map((p, j) => `${j === 0 ? 'from' : 'merge'} :${p + 1}\n`).join('');
      const message = `feat: commit ${i}\n`;
      return `commit refs/heads/c${i}\nmark :${i + 1}\ncommitter T <t@example.com> ${1_700_000_000 + h.dates[i]} +0000\ndata ${message.length}\n${message}${from}\n`;
    })
    .join('');
  const imported = await run('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  assert.is(imported.code, 0, imported.stderr);
  const shas = await Promise.all(h.parents.map((_, i) => repo.git('rev-parse', `c${i}`)));
  for (const { name, at, kind } of h.tags) {
    if (kind === 'light') await repo.git('tag', name, shas[at]);
    else if (kind === 'annotated') await repo.git('tag', '-a', '-m', name, name, shas[at]);
    else if (kind === 'tree') await repo.git('tag', '-a', '-m', name, name, `${shas[at]}^{tree}`);
    else {
      await repo.git('tag', '-a', '-m', 'inner', `inner-${name}`, shas[at]);
      await repo.git('tag', '-a', '-m', name, name, `inner-${name}`);
    }
  }
  return { dir: repo.dir, shas };
}

test('the last release and the candidate are those of every tag git says HEAD reaches', async () => {
  const prefix = defaultPolicy.tagPrefix;
  await fc.assert(
    fc.asyncProperty(history, async (h) => {
      const { dir, shas } = await build(h);
      const head = shas[h.head];
      const merged = (await run('git', ['tag', '--merged', head], { cwd: dir, env: cleanEnv() })).stdout;
      const reachable = merged.split('\n').filter(Boolean);
      const last = lastRelease(reachable, prefix);
      const expected = { last, candidate: lastCandidate(reachable, prefix, last) };

      const repo = await openRepo(dir, cleanEnv());
      const tags = await tagCommits(repo);
      const { top, above } = decidingTags([...tags.keys()], prefix);
      // The walk of the whole history is left only where the deciding tags cannot decide: HEAD does not reach the
      // top release, or a deciding tag names no commit git can peel once.
      const walks = top.tag !== null && (expected.last.tag !== top.tag || expected.last.version !== top.version);
      const unknown = [top.tag, ...above].some((t) => t !== null && !tags.get(t));
      const calls: string[] = [];
      const watched = { ...repo, git: (args: readonly string[]) => (calls.push(args.join(' ')), repo.git(args)) };
      assert.equal(await reachedReleases(watched, head, tags, prefix), expected, 'asking git merge-base');
      assert.is(
        calls.some((c) => c.startsWith('tag --merged')),
        walks || unknown,
        calls.join('; '),
      );
      // As the release reads it: the range since the top release tag, watching the deciding tags' commits.
      const watch = new Set([top.tag, ...above].map((t) => (t === null ? '' : (tags.get(t) ?? ''))));
      // A top tag of a tree is no range: git fails, and the release asks without the log (analyseEarly).
      const read = await readRange(repo, top.tag, head, defaultPolicy, { watch }).catch(() => null);
      calls.length = 0;
      assert.equal(await reachedReleases(watched, head, tags, prefix, read?.printed), expected, 'from the log');
      // The log says whether HEAD reaches the top release: git is not asked about its commit (unless a prerelease
      // names the same commit).
      const topCommit = top.tag && tags.get(top.tag);
      if (read && topCommit && !above.some((t) => tags.get(t) === topCommit))
        assert.ok(!calls.some((c) => c.startsWith(`merge-base ${topCommit}`)), 'the top release: from the log');
    }),
    { numRuns: 120 },
  );
});

test('a candidate above the top release, on a commit before it, is found through merge-base', async () => {
  // v1.1.0-rc.1 on c0, v1.0.0 on c2 (c0 ← c1 ← c2 ← c3, HEAD): the rc is neither in v1.0.0..HEAD nor on its boundary.
  const { dir, shas } = await build({
    parents: [[], [0], [1], [2]],
    dates: [0, 1, 2, 3],
    tags: [
      { name: 'v1.1.0-rc.1', at: 0, kind: 'annotated' },
      { name: 'v1.0.0', at: 2, kind: 'annotated' },
    ],
    head: 3,
  });
  const repo = await openRepo(dir, cleanEnv());
  const tags = await tagCommits(repo);
  const { printed } = await readRange(repo, 'v1.0.0', shas[3], defaultPolicy, {
    watch: new Set(tags.values() as Iterable<string>),
  });
  assert.equal([...printed], [shas[2]], 'the log prints the top release on its boundary, not the rc');
  const reached = await reachedReleases(repo, shas[3], tags, 'v', printed);
  assert.equal(reached, { last: { tag: 'v1.0.0', version: '1.0.0' }, candidate: 'v1.1.0-rc.1' });
});

test.run();
