// The bounded lint against commitlint itself: the oracle is the real @commitlint/lint and conventional-commits-parser,
// loaded in a worker thread so that our linear reference search (references.ts, installed in this thread) does
// not reach them. Below the bounds every verdict and problem must be identical; past them, a refusal.
import fc from 'fast-check';
import createPreset from 'conventional-changelog-conventionalcommits';
import { CommitParser } from 'conventional-commits-parser';
import { Worker } from 'node:worker_threads';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  lineKinds,
  MAX_LINE,
  MAX_MESSAGE,
  MAX_NOTES,
  MAX_REFERENCING,
  measure,
  parsedLines,
  withinBounds,
} from '../../src/core/commits/bounds.js';
import { lintMessage, type CommitlintConfig, type LintReport } from '../../src/core/commits/lint.js';
import { conventionalConfig } from '../helpers/commitlint.js';

const test = suite('bounded lint against commitlint');
const config = await conventionalConfig();

const worker = new Worker(
  `const { parentPort, workerData } = require('node:worker_threads');
  Promise.all([import(workerData.lint), import(workerData.parser), import(workerData.preset)]).then(([lint, parser, preset]) => {
    const full = new parser.CommitParser(preset.default().parser);
    parentPort.on('message', async ({ id, message, rules, options }) => {
      const result = rules ? await lint.default(message, rules, options) : full.parse(message);
      parentPort.postMessage({ id, result });
    });
  });`,
  {
    eval: true,
    workerData: Object.fromEntries(
      [
        ['lint', '@commitlint/lint'],
        ['parser', 'conventional-commits-parser'],
        ['preset', 'conventional-changelog-conventionalcommits'],
      ].map(([k, name]) => [k, import.meta.resolve(name)]),
    ),
  },
);
let nextId = 0;
const pending = new Map<number, (result: unknown) => void>();
worker.on('message', ({ id, result }) => pending.get(id)!(result));
const ask = <T>(request: object) =>
  new Promise<T>((resolve) => {
    const id = ++nextId;
    pending.set(id, resolve as (result: unknown) => void);
    worker.postMessage({ id, ...request });
  });

type Outcome = {
  valid: boolean;
  errors: { name: string; message: string }[];
  warnings: { name: string; message: string }[];
};
/** commitlint's verdict, with the options lintMessage gives it and the config's own parser options. */
async function commitlint(message: string, cfg: CommitlintConfig, commentChar?: string): Promise<LintReport> {
  const parserOpts = commentChar ? { ...cfg.parserOpts, commentChar } : cfg.parserOpts;
  const r = await ask<Outcome>({
    message,
    rules: cfg.rules,
    options: { parserOpts, ignores: [], defaultIgnores: true, plugins: {} },
  });
  const problems = (xs: Outcome['errors']) => xs.map(({ name, message }) => ({ rule: name, message }));
  return { valid: r.valid, errors: problems(r.errors), warnings: problems(r.warnings) };
}

const TOKENS = [
  'add',
  'Fix',
  'ingress',
  'a',
  'x-y',
  'v1.2.3',
  'org/repo#9',
  '#12',
  '#',
  '#a-b)',
  'fixes',
  'closes #3',
  'resolves',
  'https://example.com/a?b=c',
  'BREAKING',
  'CHANGE:',
  '(api)',
  '!',
  ':',
  '.',
  '@user',
  '"quoted"',
  'This',
  'reverts',
  'commit',
  '1234567.',
  'gh-7',
  'x#1,',
  'a/b/c',
  '\t',
  '',
];
const words = (max: number) => fc.array(fc.constantFrom(...TOKENS), { maxLength: max }).map((ws) => ws.join(' '));
/** `text` grown with words to about `length` characters, so lines sit around a bound. */
const around = (text: fc.Arbitrary<string>, lengths: number[]) =>
  fc.tuple(text, fc.constantFrom(...lengths), fc.integer({ min: -3, max: 3 })).map(([t, n, d]) => {
    let line = t;
    for (let i = 0; line.length < n + d; i++) line += ` ${TOKENS[i % 12]}`;
    return line.slice(0, Math.max(0, n + d));
  });
const header = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('feat', 'fix', 'revert', 'chore', 'Feat', 'feature', ''),
      fc.constantFrom('', '(api)', '(a b)', '(#1)'),
      fc.constantFrom('', '!'),
      words(8),
    )
    .map(([type, scope, bang, subject]) => `${type}${scope}${bang}: ${subject}`),
  fc.constantFrom(
    'Revert "feat: x"',
    "Merge branch 'feature/a'",
    'fixup! feat: x',
    'quick fix',
    'revert: feat: x',
    '# a comment',
  ),
);
const headerNearBounds = around(header, [100, MAX_LINE]);
const bodyLine = fc.oneof(
  words(12),
  fc.constantFrom(
    '',
    'BREAKING CHANGE: values renamed',
    'BREAKING-CHANGE: gone #4',
    'Refs #7',
    'This reverts commit 1234567.',
    '# comment',
    '  gpg: signed',
    'Signed-off-by: A <a@example.com>',
    '\u2028x',
    'a\rb #1',
  ),
  around(words(4), [100, MAX_LINE]),
);
const message = fc
  .tuple(
    fc.oneof(header, headerNearBounds),
    fc.array(bodyLine, { maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([h, body, eol, blank]) => [h, ...(blank ? [''] : []), ...body].join(eol));

async function sameAsCommitlint(m: string, commentChar?: string) {
  const ours = await lintMessage(m, config, commentChar);
  const over = measure(parsedLines(m, commentChar), lineKinds(config.parserOpts));
  if (withinBounds(over)) return assert.equal(ours, await commitlint(m, config, commentChar), JSON.stringify(m));
  assert.is(ours.valid, false, 'past the bounds: refused');
  const theirs = (await commitlint(m, config, commentChar)).errors.find((e) => e.rule === 'header-max-length');
  // commitlint reports its own problem for an over-long header, unless its ignores skip the message (merges, reverts)
  if (over.line === 0 && theirs)
    assert.equal(
      ours.errors.find((e) => e.rule === 'header-max-length'),
      theirs,
      "commitlint's own header-max-length problem",
    );
}

test('identical to commitlint below the bounds, refused past them, over generated messages around the bounds', async () => {
  await fc.assert(fc.asyncProperty(message, fc.constantFrom(undefined, '#'), sameAsCommitlint), {
    numRuns: 400,
    seed: 12,
  });
});

/** A message of `line` repeated to `size` characters (a last short line fills it exactly). */
function filled(line: string, size: number): string {
  const head = 'feat(api): a fix for x-y\n';
  const count = Math.floor((size - head.length) / (line.length + 1));
  return head + `${line}\n`.repeat(count) + 'x'.repeat(Math.max(0, size - head.length - count * (line.length + 1)));
}

test('identical around the message bound: 2 MiB of lines, just under and just past', async () => {
  for (const extra of [-1, 0, 1])
    await sameAsCommitlint(
      filled('Adjusts replicas and limits for the service, see https://example.com/a?b=c', MAX_MESSAGE + extra),
    );
});

test('identical around the budget of lines with references, and of BREAKING CHANGE lines', async () => {
  for (const extra of [-100, 0, 100])
    await sameAsCommitlint(filled('Refs org/repo#9 and #12, fixes #13 in the service', MAX_REFERENCING + extra));
  for (const extra of [0, 1])
    await sameAsCommitlint(`feat: x\n\n${'BREAKING CHANGE: gone\n'.repeat(MAX_NOTES + extra)}`);
});

test('a header past the bound with header-max-length disabled gets a problem of our own', async () => {
  const loose: CommitlintConfig = { ...config, rules: { ...config.rules, 'header-max-length': [0] } };
  const report = await lintMessage(`feat: ${'a'.repeat(MAX_LINE)}`, loose);
  assert.equal(report.errors, [
    { rule: 'trunk-max-line-length', message: 'header is 1,006 characters long; trunk lints lines of up to 1,000' },
  ]);
});

test('past the bounds, a message is refused even where commitlint would ignore it (a merge, a revert)', async () => {
  const merge = `Merge branch 'feature/a'\n\n${'Adjusts replicas for the service.\n'.repeat(70_000)}`;
  assert.is((await commitlint(merge, config)).valid, true);
  assert.equal(
    (await lintMessage(merge, config)).errors.map((e) => e.rule),
    ['trunk-max-message-length'],
  );
});

test('comments and what follows git scissors do not count toward the bounds (git commit -v)', async () => {
  const verbose = `feat: add ingress\n# Please enter the commit message\n# ------------------------ >8 ------------------------\n${'+'.repeat(5000)}\n${'diff line\n'.repeat(20000)}`;
  assert.equal(await lintMessage(verbose, config, '#'), await commitlint(verbose, config, '#'));
  assert.is((await lintMessage(verbose, config, '#')).valid, true);
});

const parser = new CommitParser(createPreset().parser);
const referenceLine = fc.oneof(
  bodyLine,
  fc
    .tuple(
      fc.constantFrom('a', 'a.b', ' ', '!', '#', '-', 'x'),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom('#1', '#1,', '#a-', 'gh-2)', ' #3;', ''),
    )
    .map(([run, n, tail]) => run.repeat(n) + tail),
);
test('the linear reference search parses exactly as the parser itself, references and all', async () => {
  const lines = fc
    .tuple(header, fc.array(referenceLine, { maxLength: 6 }))
    .map(([h, body]) => [h, '', ...body].join('\n'));
  await fc.assert(
    fc.asyncProperty(lines, async (m) => assert.equal(parser.parse(m), await ask({ message: m }), JSON.stringify(m))),
    { numRuns: 1000, seed: 7 },
  );
});

test.after(async () => {
  await worker.terminate();
});
test.run();
