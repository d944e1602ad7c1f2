// The bump against the real thing: semantic-release's core (trimmed messages, no [skip release] commits) and
// @semantic-release/commit-analyzer with the conventionalcommits preset
// (conventional-commits-parser reads each message, conventional-commits-filter drops a commit together with its
// revert) is given the same commits, in the same git log order (newest first), as trunk's streaming analysis, and
// must answer the same release type: on this project's example messages, on real git histories, and on thousands of
// generated histories built from the grammar's tricky parts. The analyzer gets its default release rules, as
// trunk gets an empty release.rules: nothing trunk configures differently (zeroMajor) acts on the bump itself.
import { analyzeCommits } from '@semantic-release/commit-analyzer';
import fc from 'fast-check';
import createPreset from 'conventional-changelog-conventionalcommits';
import { CommitParser } from 'conventional-commits-parser';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readAnalysis } from '../../src/adapters/git/release-facts.js';
import { streamLog } from '../../src/adapters/git/log.js';
import { openRepo } from '../../src/adapters/git/repo.js';
import { defaultPolicy } from '../../src/core/policy/policy.js';
import { headlineCommit, parseCommit, readHeadline } from '../../src/core/commits/conventional.js';
import { createAnalyzer } from '../../src/core/versioning/analysis.js';
import { exampleBumps, hashOf } from '../helpers/bumps.js';
import { initRepo, PROJECT, run } from '../helpers/repo.js';

const test = suite('the bump, against semantic-release');

interface Commit {
  hash: string;
  message: string;
}

const silent = { log() {} };
/**
 * semantic-release as it runs its analyzer: its core trims each message (lib/git.js) and drops the commits that say
 * [skip release] or [release skip] (lib/definitions/plugins.js), then @semantic-release/commit-analyzer decides.
 */
const SKIP_RELEASE = /\[skip\s+release]|\[release\s+skip]/i;
const theirs = (commits: Commit[]) =>
  analyzeCommits(
    { preset: 'conventionalcommits' },
    {
      commits: commits.map((c) => ({ ...c, message: c.message.trim() })).filter((c) => !SKIP_RELEASE.test(c.message)),
      logger: silent,
      cwd: PROJECT,
    },
  );

function ours(commits: Commit[]) {
  const analyzer = createAnalyzer({});
  for (const { hash, message } of commits) analyzer.add(hash, message);
  return analyzer.result().bump;
}

/** A commit that is not in any generated range (a revert may name it), and a `-hash-` line may claim to be. */
const OUTSIDE = '0123456789abcdef0123456789abcdef01234567';

test('the example messages: trunk and the analyzer give the bump the examples state', async () => {
  for (const [message, expected] of exampleBumps) {
    const commits = [{ hash: hashOf(0), message }];
    assert.is(await theirs(commits), expected, `analyzer on ${JSON.stringify(message)}`);
    assert.is(ours(commits), expected, `trunk on ${JSON.stringify(message)}`);
  }
});

test('the surprising answers (the README states them)', async () => {
  const breaking = { hash: hashOf(0), message: 'feat(api)!: drop v1' };
  const cases: [Commit[], string | null][] = [
    // A breaking change reverted before the release: both are dropped, no major.
    [
      [{ hash: hashOf(1), message: `Revert "feat(api)!: drop v1"\n\nThis reverts commit ${hashOf(0)}.` }, breaking],
      null,
    ],
    // ... and what remains counts.
    [
      [
        { hash: hashOf(2), message: 'fix: probe' },
        { hash: hashOf(1), message: `revert: feat(api)!: drop v1\n\nThis reverts commit ${hashOf(0)}.` },
        breaking,
      ],
      'patch',
    ],
    // A revert of the revert: the first revert and the second are dropped, the breaking change stays.
    [
      [
        { hash: hashOf(2), message: `Revert "Revert "feat(api)!: drop v1""\n\nThis reverts commit ${hashOf(1)}.` },
        { hash: hashOf(1), message: `Revert "feat(api)!: drop v1"\n\nThis reverts commit ${hashOf(0)}.` },
        breaking,
      ],
      'major',
    ],
    // A revert names the full sha: an abbreviated one matches nothing, and the revert is a patch of its own.
    [
      [
        { hash: hashOf(1), message: `Revert "feat(api)!: drop v1"\n\nThis reverts commit ${hashOf(0).slice(0, 7)}.` },
        breaking,
      ],
      'major',
    ],
    // A revert whose original is outside the range is a patch; a "revert:" header without the sentence is nothing.
    [[{ hash: hashOf(1), message: `Revert "feat: x"\n\nThis reverts commit ${OUTSIDE}.` }], 'patch'],
    [[{ hash: hashOf(1), message: 'revert: feat: x' }], null],
    // Case matters for the type (feat, FEAT), not for the footer keyword; a field line ends the notes.
    [[{ hash: hashOf(1), message: 'Feat: x' }], null],
    [[{ hash: hashOf(1), message: 'FEAT: x' }], 'minor'],
    [[{ hash: hashOf(1), message: 'fix: x\n\n-type-\nchore\nBREAKING CHANGE: y' }], null],
    // A `-hash-` line stands in for the commit's hash when a revert looks for its original (each side trimmed).
    [
      [
        { hash: hashOf(1), message: `Revert "feat: x"\n\nThis reverts commit ${OUTSIDE}.` },
        { hash: hashOf(0), message: `feat: x\n\n-hash-\n ${OUTSIDE}` },
      ],
      null,
    ],
    // semantic-release's core drops [skip release] commits before its analyzer, and trims every message.
    [[{ hash: hashOf(1), message: 'feat: x [skip release]' }], null],
    [
      [
        { hash: hashOf(2), message: 'fix: y' },
        { hash: hashOf(1), message: 'feat!: x\n\n[Release  Skip]' },
      ],
      'patch',
    ],
    [[{ hash: hashOf(1), message: '  feat: x\n' }], 'minor'],
  ];
  for (const [commits, expected] of cases) {
    assert.is(await theirs(commits), expected, `analyzer on ${JSON.stringify(commits)}`);
    assert.is(ours(commits), expected, `trunk on ${JSON.stringify(commits)}`);
  }
});

// ---- generated histories ----

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const TYPES = [
  'feat',
  'feat',
  'feat',
  'fix',
  'perf',
  'revert',
  'chore',
  'docs',
  'FEAT',
  'FIX',
  'Feat',
  'PERF',
  'Revert',
  '',
  'feat_2',
  'feat-x',
];
const SCOPES = ['', '', '(api)', '()', '(a)(b)', '(x', '(web): y'];
const SEPARATORS = [': ', ': ', ':', ':  ', ' : ', ':\t'];
const SUBJECTS = [
  'add ingress',
  '',
  'probe #12',
  '"quoted"',
  'BREAKING CHANGE: in the subject',
  '[skip release]',
  'ünïcode 🚀',
  'x\u2028y',
  'x\ry',
];
const OTHER_HEADERS = [
  "Merge branch 'feature/a'",
  'Merge pull request #3 from acme/feature-a',
  'Initial commit',
  'WIP',
  'fixup! feat: x',
  'BREAKING CHANGE: as the header',
  'gpg: Signature made Mon',
  '-type-',
  'Revert "feat: x"',
  'revert: feat: x',
  'Revert: fix: y',
];
// A `-name-` line sets the field `name` from the lines after it: the fields the analyzer reads, and a few it does not.
// Not -notes-, -references- or -mentions-, which make both parsers throw (an array turned into a string), nor two
// trunk does not model: -raw- (which hides the commit from the revert filter) and digit-named ones (through which a
// revert set by a -revert- line, a string, could name a commit).
const FIELDS = [
  'type',
  'scope',
  'subject',
  'hash',
  'header',
  'revert',
  'body',
  'footer',
  'merge',
  'tag',
  'emoji',
  'component',
  'x-y',
];
const FIELD_VALUES = [
  'feat',
  'FEAT',
  'fix',
  'chore',
  'Breaking',
  'FEATURE',
  'Fix',
  ':bug:',
  'deps',
  OUTSIDE,
  ` ${OUTSIDE}`,
  'feat: add ingress',
  '',
];
const BODY_LINES = [
  '',
  '',
  'Adjusts replicas and limits.',
  'a BREAKING CHANGE in passing',
  'BREAKING CHANGES: plural',
  'BREAKING CHANGE',
  'Closes #12',
  'Refs #7, fixes #8',
  'feat: a header in the body',
  'gpg: Signature made Mon',
  '  gpg: indented',
  'Signed-off-by: A <a@example.com>',
  '[skip release]',
  '[release skip]',
  `This reverts commit ${OUTSIDE}.`,
  '--',
  '-type-',
  ' -type-',
];
const NOTE_LINES = [
  'BREAKING CHANGE: values renamed',
  'BREAKING-CHANGE: the cache is required',
  'breaking change: lower case',
  'BREAKING CHANGE:no space',
  '  BREAKING CHANGE: indented',
  '* BREAKING CHANGE: bullet',
  '> BREAKING CHANGE: quoted',
  'BREAKING CHANGE ',
];
const body = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: pick(BODY_LINES).map((line) => [line]) },
      { weight: 1, arbitrary: pick(NOTE_LINES).map((line) => [line]) },
      {
        weight: 3,
        arbitrary: fc.tuple(pick(FIELDS), pick(FIELD_VALUES)).map(([field, value]) => [`-${field}-`, value]),
      },
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.flat());

const header = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(pick(TYPES), pick(SCOPES), pick(['', '', '', '!']), pick(SEPARATORS), pick(SUBJECTS))
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: pick(OTHER_HEADERS) },
);
const message = fc
  .record({
    lead: pick(['', '', '', ' ', '  ', '\t', '\n', '\r\n', '\n\n', '\n \n']),
    header,
    trail: pick(['', '', '', ' ', '\t', '\r', '\r\r']),
    blank: fc.boolean(),
    body,
    newline: pick(['\n', '\n', '\r\n']),
    end: pick(['', '\n', '\n\n', ' ', '\r\n']),
  })
  .map(
    ({ lead, header, trail, blank, body, newline, end }) =>
      lead + [header + trail, ...(body.length && blank ? [''] : []), ...body].join(newline) + end,
  );

/** How a revert names its original: git's message and the ways people (and tools) vary it. */
const REVERTS: ((subject: string, hash: string) => string)[] = [
  (s, h) => `Revert "${s}"\n\nThis reverts commit ${h}.\n`,
  (s, h) => `revert: ${s}\n\nThis reverts commit ${h}.`,
  (s, h) => `Revert "${s}"\n\nThis reverts commit ${h.slice(0, 7)}.`,
  (s) => `Revert "${s}"`,
  (s, h) => `revert "${s}"\n\nThis reverts commit ${h}.`,
  (s, h) => `Revert "${s}"\r\n\r\nThis reverts commit ${h}.\r\n`,
  (s, h) => `\nRevert "${s}"\n\nThis reverts commit ${h}.`,
  (s, h) => `Revert "${s}"\n\nThis reverts commit ${h}.\n\nThe ingress broke prod.\n\nBREAKING CHANGE: back to v1`,
  (s, h) => `  Revert "${s}"\n\nThis reverts commit ${h}.`,
];
/** The subject a revert quotes: the original's first line, as git shows it or trimmed. */
const SUBJECT_OF: ((message: string) => string)[] = [
  (m) => m.replace(/^[\r\n]+/, '').split('\n')[0],
  (m) =>
    m
      .replace(/^[\r\n]+/, '')
      .split('\n')[0]
      .trim(),
];

type Entry = { message: string } | { target: number; style: number; subject: number };
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 30, arbitrary: message.map((m) => ({ message: m })) },
  {
    weight: 12,
    arbitrary: fc.record({
      target: fc.nat(),
      style: fc.nat(REVERTS.length - 1),
      subject: fc.nat(SUBJECT_OF.length - 1),
    }),
  },
  { weight: 1, arbitrary: pick(['', '   ', '\n']).map((m) => ({ message: m })) },
);

/** A history, oldest first while it is built, returned newest first (git log order). */
function history(entries: Entry[]): Commit[] {
  const commits: Commit[] = [];
  entries.forEach((e, i) => {
    if ('message' in e) return commits.push({ hash: hashOf(i), message: e.message });
    // One target in every few is outside the range: a commit with the header of one inside, or of none.
    const at = e.target % (commits.length + 1);
    const original = commits[at] ?? {
      hash: OUTSIDE,
      message: commits[e.target % Math.max(commits.length, 1)]?.message ?? 'feat(api)!: drop v1',
    };
    commits.push({
      hash: hashOf(i),
      message: REVERTS[e.style](SUBJECT_OF[e.subject](original.message), original.hash),
    });
  });
  return commits.reverse();
}

const RUNS = 3000;
const oracleParser = new CommitParser(createPreset().parser);
const parserThrows = (message: string) => {
  try {
    oracleParser.parse(message);
    return false;
  } catch {
    return true;
  }
};

test(`${RUNS} generated histories: the same release type as the analyzer`, async () => {
  let skipped = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }).map(history), async (commits) => {
      // Where either side has no answer there is none to match: the parser throws on a message whose last line is a
      // field line after a note ("BREAKING CHANGE: x\n-type-"). Trunk also parses a [skip release] commit, for the
      // notes, as semantic-release's notes step does after its analyzer skipped it: both fail on such a message.
      const expected = await theirs(commits).catch(() => undefined);
      const actual = (() => {
        try {
          return ours(commits);
        } catch {
          return undefined;
        }
      })();
      if (expected === undefined || actual === undefined) {
        assert.ok(
          commits.some((c) => parserThrows(c.message.trim())),
          `only the parser may throw: ${JSON.stringify(commits)}`,
        );
        return void skipped++;
      }
      assert.is(actual, expected, JSON.stringify(commits));
    }),
    { numRuns: RUNS },
  );
  assert.ok(skipped < RUNS / 25, `${skipped} of ${RUNS} histories skipped`);
});

test(`${RUNS * 3} generated messages: where trunk reads the header alone, the parser reads the same, and no more`, () => {
  const parser = new CommitParser(createPreset().parser);
  const fields = new Set([
    'merge',
    'revert',
    'header',
    'body',
    'footer',
    'notes',
    'mentions',
    'references',
    'type',
    'scope',
    'subject',
  ]);
  let [read, quicks] = [0, 0];
  fc.assert(
    fc.property(message, (m) => {
      const headline = m.trim() ? readHeadline(m) : null;
      if (headline === null) return;
      read++;
      const c = parser.parse(m);
      assert.equal(
        headline,
        {
          header: c.header,
          type: c.type ?? null,
          scope: c.scope ?? null,
          subject: c.subject ?? null,
          breaking: c.notes.length > 0,
        },
        JSON.stringify(m),
      );
      // The analysis reads messages trimmed, as semantic-release's core gives them.
      const trimmed = readHeadline(m.trim());
      const quick = trimmed && headlineCommit('h', m.trim(), trimmed);
      if (quick) (quicks++, assert.equal(quick, parseCommit('h', m.trim()), JSON.stringify(m)));
      assert.is(c.revert, null, JSON.stringify(m));
      assert.ok(
        Object.keys(c).every((key) => fields.has(key)),
        JSON.stringify(m),
      );
    }),
    { numRuns: RUNS * 3 },
  );
  assert.ok(read > RUNS / 3, `${read} of ${RUNS * 3} messages read from the header alone`);
  assert.ok(quicks > RUNS / 50, `${quicks} of ${RUNS * 3} messages taken into the notes from the header alone`);
});

// ---- real git ----

/** Commits written by git itself: its reverts (a breaking change's; a revert's), a merge, CRLF, a message kept verbatim. */
const REAL_HISTORY = `
export GIT_AUTHOR_DATE='2026-03-01T12:00:00Z' GIT_COMMITTER_DATE='2026-03-01T12:00:00Z'
change() { echo "$1" > "$1.yaml" && git add "$1.yaml" && shift && git commit -q "$@"; }
change start -m 'chore: start'
change api -m 'feat(api)!: drop v1'
git revert --no-edit HEAD > /dev/null
change cache -m 'feat: cache'
git revert --no-edit HEAD > /dev/null
git revert --no-edit HEAD > /dev/null
git switch -q -c feature/a
printf 'fix: probe\\r\\n\\r\\nCloses #3\\r\\n' > .git/msg && change probe -F .git/msg
printf '\\n\\n  feat: indented\\n' > .git/msg && change indent --cleanup=verbatim -F .git/msg
git switch -q main
git merge -q --no-ff -m "Merge branch 'feature/a'" -m 'feat: a header in a merge body' feature/a
`;

const FIXTURES = join(PROJECT, 'test/fixtures/notes');
const histories: [name: string, script: string[]][] = [
  ...readdirSync(FIXTURES).map((name): [string, string[]] => [
    `the ${name} fixture`,
    ['-e', join(FIXTURES, name, 'history.sh')],
  ]),
  ['git reverts, a merge, CRLF and untrimmed messages', ['-ec', REAL_HISTORY]],
];
for (const [name, script] of histories)
  test(`real git history (${name}): what git log gives both, the same answer`, async () => {
    const dir = (await initRepo()).dir;
    const built = await run('sh', script, { cwd: dir });
    assert.is(built.code, 0, built.stderr);
    const repo = await openRepo(dir);
    const commits: Commit[] = [];
    await streamLog(repo, ['HEAD', '--'], (hash, message) => commits.push({ hash, message }));
    assert.ok(commits.length >= 3);
    assert.is((await readAnalysis(repo, null, 'HEAD', defaultPolicy)).bump, await theirs(commits));
  });

test.run();
