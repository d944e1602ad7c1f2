// A release into a CHANGELOG.md another tool wrote (test/fixtures/changelogs, where each format comes from): the new
// section goes above the newest release, after the title and preamble, and every older byte is kept.
// UPDATE_GOLDEN=1 rewrites expected.md; a missing expected.md fails.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, PROJECT } from '../helpers/repo.js';

const test = suite('trunk release into changelogs of other tools');
const FIXTURES = join(PROJECT, 'test/fixtures/changelogs');
const DATES = { GIT_AUTHOR_DATE: '2024-06-01T12:00:00Z', GIT_COMMITTER_DATE: '2024-06-01T12:00:00Z' };
const EPOCH = String(Date.UTC(2024, 5, 2) / 1000);

/** Commits `changelog` as released at v1.1.0, adds a feature, and releases with `trunk release`. */
async function releaseOnto(changelog: string) {
  const repo = await initRepo();
  repo.write('CHANGELOG.md', changelog);
  await repo.git('add', 'CHANGELOG.md');
  assert.is((await repo.gitWith(DATES, 'commit', '-q', '-m', 'chore: the changelog so far')).code, 0);
  await repo.git('tag', 'v1.1.0');
  assert.is(
    (await repo.gitWith(DATES, 'commit', '-q', '--allow-empty', '-m', 'feat(web): serve the dashboard')).code,
    0,
  );
  const r = await repo.trunk(['release'], { env: { SOURCE_DATE_EPOCH: EPOCH } });
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'chore(release): v1.2.0');
  return { after: repo.read('CHANGELOG.md'), notes: await repo.git('tag', '-l', '--format=%(contents)', 'v1.2.0') };
}

/** The old file, split where its newest release (1.1.0, with any anchor above it) begins. */
function split(old: string): [string, string] {
  const at = old.search(/^(?:<a name="1\.1\.0"><\/a>\r?\n)?#+ \[?1\.1\.0/m);
  assert.ok(at >= 0, 'the fixture has a 1.1.0 heading');
  return [old.slice(0, at), old.slice(at)];
}

/** The file is the old one with exactly the release's notes (and a blank line) inserted before its newest release. */
function assertInserted(after: string, old: string, notes: string, eol: string) {
  const [before, rest] = split(old);
  assert.ok(after.startsWith(before), 'the title and preamble are kept byte for byte');
  assert.ok(after.endsWith(rest), 'every older release is kept byte for byte');
  const section = after.slice(before.length, after.length - rest.length);
  assert.is(section, `${notes.trimEnd()}\n\n`.replaceAll('\n', eol), 'what comes between is the release section');
  assert.match(section, /^## 1\.2\.0 \(2024-06-02\)/);
}

for (const name of readdirSync(FIXTURES).filter((entry) => statSync(join(FIXTURES, entry)).isDirectory()))
  test(`${name}: above the newest release, after the title and preamble; older content byte for byte`, async () => {
    const old = readFileSync(join(FIXTURES, name, 'CHANGELOG.md'), 'utf8');
    const { after, notes } = await releaseOnto(old);
    assertInserted(after, old, notes, '\n');
    const expected = join(FIXTURES, name, 'expected.md');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expected, after);
    assert.ok(
      existsSync(expected),
      `${expected} is missing: write it with UPDATE_GOLDEN=1 and read it before committing`,
    );
    assert.fixture(after, readFileSync(expected, 'utf8'));
  });

test('a CRLF changelog gets its new section with CRLF', async () => {
  const crlf = (text: string) => text.replaceAll('\n', '\r\n');
  const old = crlf(readFileSync(join(FIXTURES, 'standard-version/CHANGELOG.md'), 'utf8'));
  const { after, notes } = await releaseOnto(old);
  assertInserted(after, old, notes, '\r\n');
  assert.not.match(after, /(^|[^\r])\n/, 'every line ends with CRLF');
});

test('a changelog with no release section yet gets the new one after its title and preamble', async () => {
  const old =
    '# Changelog\n\nAll notable changes to this project will be documented in this file. See [standard-version](https://github.com/conventional-changelog/standard-version) for commit guidelines.\n';
  const { after, notes } = await releaseOnto(old);
  assert.is(after, `${old}\n${notes.trimEnd()}\n`);
});

test.run();
