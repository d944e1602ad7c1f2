// Golden release notes (git-cliff's fixtures): each case's history.sh builds a repository with fixed dates;
// `trunk release --dry-run` must print expected.md exactly, and so must conventional-changelog's own CLI with the
// conventionalcommits preset on the same repository: the goldens are the reference tool's output, not only ours.
// UPDATE_GOLDEN=1 rewrites expected.md; a missing expected.md fails.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, PROJECT, run, type Repo } from '../helpers/repo.js';

const test = suite('release notes, golden');
const FIXTURES = join(PROJECT, 'test/fixtures/notes');

for (const name of readdirSync(FIXTURES))
  test(name, async () => {
    const repo = await initRepo();
    const history = await run('sh', ['-e', join(FIXTURES, name, 'history.sh')], { cwd: repo.dir });
    assert.is(history.code, 0, history.stderr);
    const r = await repo.trunk(['release', '--dry-run'], {
      env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 2) / 1000) },
    });
    assert.is(r.code, 0, r.stderr);
    const expected = join(FIXTURES, name, 'expected.md');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expected, r.stdout);
    assert.ok(
      existsSync(expected),
      `${expected} is missing: write it with UPDATE_GOLDEN=1 and read it before committing`,
    );
    assert.fixture(r.stdout, readFileSync(expected, 'utf8'));
    const reference = await referenceNotes(repo);
    if (reference !== null)
      assert.fixture(reference, r.stdout, 'conventional-changelog -p conventionalcommits writes the same notes');
  });

/**
 * The next release's notes as conventional-changelog's CLI writes them (version and date given, as trunk computes
 * them); null for an origin on a host trunk does not know, where the two differ by design: the preset links issues,
 * users and commits to GitHub-shaped URLs on any host, which trunk does not guess (plain text instead).
 */
async function referenceNotes(repo: Repo): Promise<string | null> {
  const plan = JSON.parse(
    (
      await repo.trunk(['release', '--dry-run', '--json'], {
        env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 2) / 1000) },
      })
    ).stdout,
  );
  const origin = (await repo.gitResult('remote', 'get-url', 'origin')).stdout
    .trim()
    .replace(/^git@([^:]+):/, 'https://$1/');
  if (!/^https:\/\/github\.com\//.test(origin)) return null;
  repo.write(
    'package.json',
    JSON.stringify({ name: 'fixture', version: plan.version, repository: { type: 'git', url: origin } }),
  );
  repo.write('context.json', JSON.stringify({ version: plan.version, date: '2026-03-02' }));
  const cli = join(PROJECT, 'node_modules/conventional-changelog/dist/cli/index.js');
  const r = await run(process.execPath, [cli, '-p', 'conventionalcommits', '--stdout', '-c', 'context.json'], {
    cwd: repo.dir,
  });
  assert.is(r.code, 0, r.stderr);
  return r.stdout;
}

test.run();
