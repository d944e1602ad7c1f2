import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommit } from '../../src/core/commits/conventional.js';
import { latestSection, withSection } from '../../src/core/notes/changelog.js';
import { forgeFor, type Forge } from '../../src/core/notes/forge.js';
import { compiledCommits, renderNotes } from '../../src/core/notes/render.js';
import createPreset from 'conventional-changelog-conventionalcommits';
import { writeChangelogString, type CommitKnownProps, type Context } from 'conventional-changelog-writer';
import fc from 'fast-check';

const test = suite('release notes');

const forges: [string, string | null, string?, string?][] = [
  ['git@github.com:acme/gitops.git', 'github', 'acme', 'gitops'],
  ['https://github.com/acme/gitops', 'github', 'acme', 'gitops'],
  ['ssh://git@gitlab.com:2222/group/sub/gitops.git', 'gitlab', 'group/sub', 'gitops'],
  ['https://gitlab.example.com/platform/gitops.git', 'gitlab', 'platform', 'gitops'],
  ['git@bitbucket.org:acme/gitops.git', 'bitbucket', 'acme', 'gitops'],
  ['https://codeberg.org/acme/gitops.git', 'gitea', 'acme', 'gitops'],
  ['https://git.example.com/acme/gitops.git', null],
  ['/srv/git/gitops.git', null],
];
for (const [url, kind, owner, repository] of forges)
  test(`forge of ${url}`, () => {
    const forge = forgeFor(url);
    assert.is(forge?.kind ?? null, kind);
    if (forge) assert.equal([forge.owner, forge.repository], [owner, repository]);
  });

const commits = [
  parseCommit('1'.repeat(40), 'feat(api): add ingress (#12)'),
  parseCommit('2'.repeat(40), 'fix: probe timeout'),
  parseCommit('3'.repeat(40), 'perf!: cache values\n\nBREAKING CHANGE: cache must be enabled'),
];

test('plain-text notes when the remote is not a known forge', async () => {
  const notes = await renderNotes(commits, {
    version: '1.4.0',
    tag: 'v1.4.0',
    previousTag: 'v1.3.2',
    date: '2026-11-28',
    forge: null,
  });
  assert.is(
    notes,
    '## 1.4.0 (2026-11-28)\n\n### ⚠ BREAKING CHANGES\n\n* cache must be enabled\n\n### Features\n\n* **api:** add ingress (#12) 1111111\n\n### Bug Fixes\n\n* probe timeout 2222222\n\n### Performance Improvements\n\n* cache values 3333333\n',
  );
});

test('links to commits, issues and the comparison on a forge', async () => {
  const notes = await renderNotes(commits, {
    version: '1.4.0',
    tag: 'v1.4.0',
    previousTag: 'v1.3.2',
    date: '2026-11-28',
    forge: forgeFor('git@gitlab.com:acme/gitops.git'),
  });
  assert.match(notes, '## [1.4.0](https://gitlab.com/acme/gitops/-/compare/v1.3.2...v1.4.0) (2026-11-28)');
  assert.match(notes, '([1111111](https://gitlab.com/acme/gitops/-/commit/1111111111111111111111111111111111111111))');
  assert.match(notes, '[#12](https://gitlab.com/acme/gitops/-/issues/12)');
});

/** The writer as the preset configures it for `forge`, with trunk's one change: no links without a forge. */
function stockWriter(
  forge: Forge | null,
  release: { version: string; tag: string; previousTag: string; date: string },
) {
  const { writer } = createPreset(forge?.urls);
  const context = {
    ...{ version: release.version, currentTag: release.tag, previousTag: release.previousTag, date: release.date },
    ...(forge ? { host: forge.host, owner: forge.owner, repository: forge.repository } : {}),
    ...{ linkReferences: forge !== null, linkCompare: forge !== null },
  } as Context;
  const transform = (commit: CommitKnownProps, c: Context) => {
    const patch = writer.transform(commit, c);
    if (!patch) return null;
    return forge ? patch : { ...patch, subject: (commit as { subject?: string | null }).subject };
  };
  return (commits: CommitKnownProps[]) => writeChangelogString(commits, context, { ...writer, transform });
}

test("a section's order is the writer's own, for scopes and subjects whose code points sort otherwise", async () => {
  const subjects = ['Zeta', 'alpha', 'Ärger', 'éclair', '10 pods', '9 pods', 'Ω omega', '_under', 'a b', 'ab', 'AB'];
  const scopes = ['', 'API', 'api', 'äpi', 'zeta', 'Zeta'];
  const list = subjects.flatMap((subject, i) =>
    scopes.map((scope, j) =>
      parseCommit((i * 10 + j).toString(16).padStart(40, '0'), `fix${scope ? `(${scope})` : ''}: ${subject}`),
    ),
  );
  const forge = forgeFor('git@github.com:acme/gitops.git')!;
  const release = { version: '1.0.0', tag: 'v1.0.0', previousTag: 'v0.9.0', date: '2026-01-01' };
  const ours = await renderNotes(list, { ...release, forge });
  // The writer as the preset configures it, its own transform and comparator, on the same commits.
  const stock = await stockWriter(forge, release)(list);
  assert.is(ours, `${stock.trim()}\n`);
});

test('the notes are the stock writer’s for any commits: its sections, its sort, ties in log order, reverts, links', async () => {
  // Scopes and subjects from pools where case, accents, digits, punctuation and ties decide the order, and where
  // the preset links issues and users.
  const word = fc.constantFrom(
    '',
    'a',
    'A',
    'ä',
    'Ä',
    'z',
    'Z',
    '_',
    '-',
    '10',
    '9',
    'ß',
    'ss',
    'Ω',
    'e\u0301',
    'é',
    ' ',
    '#12',
    '@octo',
    '`@code`',
    '&<>',
  );
  const text = fc.array(word, { maxLength: 4 }).map((words) => words.join(''));
  const commit = fc.record({
    type: fc.constantFrom('feat', 'fix', 'perf', 'revert', 'chore'),
    scope: text,
    subject: text.map((t) => t.trim() || 'x'),
    breaking: fc.boolean(),
    // References the commit closes: on this repository, on another, one the subject names too.
    body: fc.constantFrom('', 'Closes #4', 'Refs other/repo#9, #10', 'fixes acme/gitops#3 and #12'),
    // git's revert of the commit this far down the list (one below: newer, or outside the list), spaced or not.
    reverts: fc.option(fc.record({ by: fc.integer({ min: -3, max: 12 }), space: fc.constantFrom('', ' ') })),
  });
  const urls = [null, 'git@github.com:acme/gitops.git', 'git@gitlab.com:group/sub/gitops.git'];
  urls.push('git@bitbucket.org:acme/gitops.git', 'https://codeberg.org/acme/gitops');
  const release = { version: '1.0.0', tag: 'v1.0.0', previousTag: 'v0.9.0', date: '2026-01-01' };
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...urls), fc.array(commit, { maxLength: 40 }), async (url, list) => {
      const forge = forgeFor(url);
      const hash = (i: number) => i.toString(16).padStart(40, '0');
      const headers: string[] = [];
      for (let i = list.length - 1; i >= 0; i--) {
        const { type, scope, breaking, subject, body, reverts } = list[i];
        const target = reverts && i + reverts.by;
        headers[i] =
          target === null
            ? `${type}${scope.trim() ? `(${scope.trim()})` : ''}${breaking ? '!' : ''}: ${subject}${body && `\n\n${body}`}`
            : `Revert "${headers[target]?.split('\n')[0] ?? `fix: gone ${target}`}${reverts!.space}"\n\nThis reverts commit ${hash(target)}.`;
      }
      const commits = headers.map((message, i) => parseCommit(hash(i), message));
      const stock = await stockWriter(forge, release)(commits);
      assert.is(await renderNotes(commits, { ...release, forge }), `${stock.trim()}\n`);
    }),
    { numRuns: 500 },
  );
});

test('the preset’s templates take the compiled commit lines on every forge, and others keep their own', () => {
  for (const url of [null, 'git@github.com:a/b.git', 'git@gitlab.com:a/b.git', 'git@bitbucket.org:a/b.git']) {
    const { mainTemplate, commitPartial } = createPreset(forgeFor(url)?.urls).writer;
    const compiled = compiledCommits(mainTemplate!, commitPartial!);
    assert.ok(compiled && !compiled.mainTemplate!.includes('{{> commit'), `${url}`);
  }
  const main = '{{#each commitGroups}}\n{{#each commits}}\n{{> commit root=@root}}\n{{/each}}\n{{/each}}\n';
  assert.ok(compiledCommits(main, '* {{subject}}\n'), 'a partial of paths');
  assert.is(compiledCommits(main, '* {{#with root}}{{host}}{{/with}}\n'), null, 'a helper it does not know');
  assert.is(compiledCommits(main + main, '* {{subject}}\n'), null, 'two loops over the commits');
  assert.is(compiledCommits('{{> commit}}\n', '* {{subject}}\n'), null, 'no loop it knows');
});

test('a value the compiled commit line declines is rendered by handlebars, as the stock writer would', async () => {
  // An issue number that is a number, not text, where the partial prints it. No commit trunk reads has one.
  const parsed = parseCommit('a'.repeat(40), 'fix(x): odd reference\n\nCloses #12');
  const odd = { ...parsed, references: parsed.references.map((r) => ({ ...r, issue: 12 as unknown as string })) };
  const commits = [odd, parseCommit('b'.repeat(40), 'feat: plain')];
  const forge = forgeFor('git@github.com:acme/gitops.git');
  const release = { version: '1.0.0', tag: 'v1.0.0', previousTag: 'v0.9.0', date: '2026-01-01' };
  const notes = await renderNotes(commits, { ...release, forge });
  assert.match(notes, '* **x:** odd reference');
  assert.match(notes, ', closes [#12](https://github.com/acme/gitops/issues/12)');
  assert.is(notes, `${(await stockWriter(forge, release)(commits)).trim()}\n`);
});

test('a new section goes under the title; older sections are kept byte for byte', () => {
  const old = '# Changelog\r\n\r\n## 1.3.2 (2026-01-01)\r\n\r\n* odd bytes \u00e9\u00a0 kept\r\n';
  assert.is(withSection('# Changelog\n\n## 1.3.2\n', '## 1.4.0\n'), '# Changelog\n\n## 1.4.0\n\n## 1.3.2\n');
  assert.ok(withSection(old, '## 1.4.0\n').endsWith(old.slice('# Changelog\r\n'.length)));
  assert.is(withSection(null, '## 1.0.0\n'), '# Changelog\n\n## 1.0.0\n\n');
  assert.is(withSection('## 0.9.0\n', '## 1.0.0\n'), '## 1.0.0\n\n## 0.9.0\n');
});

test('the new section goes above the first version heading of any level, linked or not, with its anchor', () => {
  assert.is(
    withSection('# [1.3.0](u) (d)\n\n## [1.2.1](u) (d)\n', '## 1.4.0\n'),
    '## 1.4.0\n\n# [1.3.0](u) (d)\n\n## [1.2.1](u) (d)\n',
  );
  assert.is(
    withSection('# Change Log\n\nPreamble.\n\n<a name="1.3.0"></a>\n# [1.3.0](u)\n', '## 1.4.0\n'),
    '# Change Log\n\nPreamble.\n\n## 1.4.0\n\n<a name="1.3.0"></a>\n# [1.3.0](u)\n',
  );
  assert.is(
    withSection('# Changelog\n## [Unreleased]\n\n## [v1.3.0] - 2024-01-01\n', '## 1.4.0\n'),
    '# Changelog\n## [Unreleased]\n\n## 1.4.0\n\n## [v1.3.0] - 2024-01-01\n',
  );
  assert.is(
    withSection('# Changelog\n\nNotes to come.', '## 1.0.0\n'),
    '# Changelog\n\nNotes to come.\n\n## 1.0.0\n',
    'no release yet: after everything',
  );
  assert.is(
    withSection('# Changelog\r\n\r\nPreamble.\r\n', '## 1.0.0\n\n* a\n'),
    '# Changelog\r\n\r\nPreamble.\r\n\r\n## 1.0.0\r\n\r\n* a\r\n',
  );
});

test('the newest section runs from the first version heading to the next, anchors included, with LF line ends', () => {
  assert.is(
    latestSection('# Changelog\n\n## 1.4.0 (d)\n\n* a\n\n<a name="1.3.0"></a>\n# [1.3.0](u)\n\n* b\n'),
    '## 1.4.0 (d)\n\n* a\n',
  );
  assert.is(
    latestSection('<a name="1.3.0"></a>\r\n# [1.3.0](u)\r\n\r\n### Features\r\n\r\n* b\r\n### [1.2.1](u)\r\n'),
    '<a name="1.3.0"></a>\n# [1.3.0](u)\n\n### Features\n\n* b\n',
  );
  assert.is(latestSection('# Changelog\n\nNothing yet.\n'), null);
});

test.run();
