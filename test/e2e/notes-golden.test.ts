// Golden release notes (git-cliff's fixtures): each case's history.sh builds a repository with fixed dates;
// `trunk release --dry-run` must print expected.md exactly. UPDATE_GOLDEN=1 rewrites expected.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, PROJECT, run } from '../helpers/repo.js';

const test = suite('release notes, golden');
const FIXTURES = join(PROJECT, 'test/fixtures/notes');

for (const name of readdirSync(FIXTURES))
  test(name, async () => {
    const repo = await initRepo();
    const history = await run('sh', ['-e', join(FIXTURES, name, 'history.sh')], { cwd: repo.dir });
    assert.is(history.code, 0, history.stderr);
    const r = await repo.trunk(['release', '--dry-run'], { env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 2) / 1000) } });
    assert.is(r.code, 0, r.stderr);
    const expected = join(FIXTURES, name, 'expected.md');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expected)) writeFileSync(expected, r.stdout);
    assert.fixture(r.stdout, readFileSync(expected, 'utf8'));
  });

test.run();
