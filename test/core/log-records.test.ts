// streamLog's reading of git's output, fed by a stand-in for git that cuts the same bytes at every position: a
// record and a UTF-8 character split across chunks still arrive whole (real git flushes per commit, so its chunks
// rarely split one; the release tests run the real thing).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { streamLog } from '../../src/adapters/git/log.js';
import type { Repo } from '../../src/adapters/git/repo.js';

const test = suite('streamLog');

const COMMITS: [string, string][] = [
  ['a'.repeat(40), 'feat: änderung ✓ 😀\n\nbody ✓'],
  ['b'.repeat(40), 'fix: ascii'],
  ['c'.repeat(40), 'chore: ✓✓✓'],
];
const BOUNDARY = 'd'.repeat(40);
// As `git log --boundary` prints them: `>` before each commit of the range, `-` before the boundary's.
const OUTPUT = Buffer.from(
  [...COMMITS.map(([sha, message]) => `>${sha}\x1f\x1f${message}\x1e\n`), `-${BOUNDARY}\x1f\x1fchore: old\x1e\n`].join(
    '',
  ),
);

/** A Repo whose git prints OUTPUT in chunks cut at `cuts`. */
const fakeRepo = (cuts: number[]): Repo =>
  ({
    gitStream: async (_args: readonly string[], onBytes: (chunk: Buffer) => void) => {
      let at = 0;
      for (const cut of [...cuts, OUTPUT.length]) {
        onBytes(OUTPUT.subarray(at, cut));
        at = cut;
      }
    },
  }) as unknown as Repo;

async function read(cuts: number[]): Promise<[string, string][]> {
  const seen: [string, string][] = [];
  const boundary: string[] = [];
  await streamLog(fakeRepo(cuts), [], (sha, message) => seen.push([sha, message]), {
    onBoundary: (sha) => boundary.push(sha),
  });
  assert.equal(boundary, [BOUNDARY]);
  return seen;
}

test('every cut of the output, one and two at a time, gives the same commits', async () => {
  for (let i = 1; i < OUTPUT.length; i++) {
    assert.equal(await read([i]), COMMITS, `cut at byte ${i}`);
    for (let j = i + 1; j < OUTPUT.length; j += 7) assert.equal(await read([i, j]), COMMITS, `cut at ${i} and ${j}`);
  }
});

test('one byte at a time', async () => {
  assert.equal(await read(Array.from({ length: OUTPUT.length - 1 }, (_, i) => i + 1)), COMMITS);
});

test.run();
