import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleFor, headerOf } from '../../src/core/commits/example.js';
import { lintCommits, lintMessage, type CommitlintConfig } from '../../src/core/commits/lint.js';
import { conventionalConfig } from '../helpers/commitlint.js';

const test = suite('lintMessage');
const config = await conventionalConfig();

const verdicts: [string, boolean][] = [
  ['feat: add ingress for api', true],
  ['feat(api)!: drop v1 routes', true],
  ['fix: handle empty values\n\nBREAKING CHANGE: values are required', true],
  ['Added the A manifest.', false],
  ['feat: Add ingress', false],
  ['feature: add ingress', false],
  ["Merge branch 'feature/a'", true],
  ['Merge pull request #12 from org/feature/a', true],
  ['fixup! feat: add ingress', true],
  ['squash! feat: add ingress', true],
  ['Revert "feat: add ingress"\n\nThis reverts commit 1234567.', true],
  ['feat: add ingress\r\n\r\nwith CRLF line endings\r\n', true],
];
for (const [message, valid] of verdicts)
  test(`${JSON.stringify(message.split('\n')[0])} is ${valid ? 'valid' : 'refused'}`, async () =>
    assert.is((await lintMessage(message, config)).valid, valid));

test('comment lines are stripped in edit mode, as with commitlint --edit', async () => {
  const edited = 'feat: add ingress\n# Please enter the commit message for your changes.\n# On branch feature/a\n';
  assert.is((await lintMessage(edited, config, '#')).valid, true);
  assert.is((await lintMessage('# not a comment when core.commentChar is ;\nfeat: x', config, ';')).valid, false);
});

test('a message of only comments is left to git (which aborts an empty commit), as commitlint leaves it', async () => {
  const report = await lintMessage(
    '# Please enter the commit message\n# Lines starting with # are ignored\n',
    config,
    '#',
  );
  assert.equal(report, { valid: true, errors: [], warnings: [] });
});

test('a config without rules is refused, as commitlint refuses it', async () => {
  const report = await lintMessage('feat: x', { rules: {}, parserOpts: {} });
  assert.equal(
    report.errors.map((e) => e.rule),
    ['empty-rules'],
  );
});

test('lintCommits returns only the failures, with sha and subject', async () => {
  const failures = await lintCommits(
    [
      { sha: 'a'.repeat(40), message: 'feat: ok' },
      { sha: 'b'.repeat(40), message: 'bad one' },
    ],
    config,
  );
  assert.equal(
    failures.map((f) => [f.sha[0], f.subject]),
    [['b', 'bad one']],
  );
});

const examples: [string, string][] = [
  ['Added the A manifest.', 'feat: added the A manifest'],
  ['Fix the broken probe', 'fix: fix the broken probe'],
  ['feat: Add ingress for API', 'feat: add ingress for API'],
  ['feature(api): add ingress', 'feat(api): add ingress'],
  ['API keys rotated', 'feat: api keys rotated'],
  ['update README', 'feat: update README'],
  ['docs for the chart', 'docs: docs for the chart'],
  ['', 'feat: describe the change'],
];
for (const [header, expected] of examples)
  test(`example for ${JSON.stringify(header)} is valid`, async () => {
    const example = exampleFor(header, config.rules);
    assert.is(example, expected);
    assert.is((await lintMessage(example, config)).valid, true);
  });

/** [rules over config-conventional's, header, example]: each example passes those rules. */
const shaped: [CommitlintConfig['rules'], string, string][] = [
  [{ 'scope-empty': [2, 'never'] }, 'bump the chart', 'build(scope): bump the chart'],
  [{ 'scope-empty': [2, 'never'] }, 'fix(api): Handle empty values.', 'fix(api): handle empty values'],
  [
    { 'scope-empty': [2, 'never'], 'scope-enum': [2, 'always', ['prod', 'qa']] },
    'feat(web): add ingress',
    'feat(prod): add ingress',
  ],
  [{ 'scope-enum': [2, 'always', ['prod', 'qa']] }, 'feat(qa): add ingress', 'feat(qa): add ingress'],
  [{ 'scope-empty': [2, 'always'] }, 'feat(api): add ingress', 'feat: add ingress'],
  [
    { 'scope-case': [2, 'always', 'upper-case'], 'scope-empty': [2, 'never'], 'scope-enum': [0] },
    'feat(api): add ingress',
    'feat(API): add ingress',
  ],
  [{ 'subject-case': [2, 'always', 'sentence-case'] }, 'add ingress for api', 'feat: Add ingress for api'],
  [{ 'subject-full-stop': [2, 'always', '.'] }, 'Add ingress.', 'feat: add ingress.'],
  [{ 'type-enum': [2, 'always', ['change', 'fix']] }, 'feat: add a', 'change: add a'],
  [{ 'header-max-length': [2, 'always', 20] }, 'add the ingress for the api service', 'feat: add the ingres'],
  [{ 'subject-max-length': [2, 'always', 10] }, 'add the ingress', 'feat: add the in'],
];
for (const [rules, header, expected] of shaped)
  test(`example for ${JSON.stringify(header)} under ${JSON.stringify(rules)}`, async () => {
    const shapedConfig = { ...config, rules: { ...config.rules, ...rules } };
    const example = exampleFor(header, shapedConfig.rules);
    assert.is(example, expected);
    assert.equal((await lintMessage(example, shapedConfig)).errors, []);
  });

test('headerOf skips comments and blank lines', () => assert.is(headerOf('\n# comment\n  Fix it  \nbody'), 'Fix it'));

test.run();
