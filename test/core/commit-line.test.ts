import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import createPreset from 'conventional-changelog-conventionalcommits';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { compileCommitLine, Unrenderable } from '../../src/core/notes/commit-line.js';
import { forgeFor } from '../../src/core/notes/forge.js';

const test = suite('commit partial as a function');

/** A render's text, or what it threw: a value whose joining throws (`toString: undefined`) throws in both. */
function outcome(render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof Unrenderable) return 'declined';
    return `threw ${(error as Error).name}`;
  }
}

/** What the writer's handlebars gives for `template` on `context` under `root` (it compiles with noEscape). */
const handlebars = (template: string, context: unknown, root: unknown) =>
  outcome(() => Handlebars.compile(template, { noEscape: true })(context, { data: { root } }));

/** The compiled function's outcome, `declined` when it hands the template or the value back to handlebars. */
function compiled(template: string, context: unknown, root: unknown): string {
  const line = compileCommitLine(template);
  return line ? outcome(() => line(context, root)) : 'declined';
}

test("the preset's partial compiles for every forge's links, and without links", () => {
  for (const url of [
    'git@github.com:a/b.git',
    'git@gitlab.com:a/b.git',
    'git@bitbucket.org:a/b.git',
    'https://codeberg.org/a/b',
    null,
  ])
    assert.ok(compileCommitLine(createPreset(forgeFor(url)?.urls).writer.commitPartial!), `${url}`);
});

// Templates from handlebars' grammar around what the function knows: text with the whitespace that standalone lines
// and `~` strip, paths of every kind, `#if`/`#each` with `else`, and what it must decline.
const name = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('a', 'b', 'list') },
  fc.constantFrom('root', 'log', 'constructor', 'toString', 'length'),
);
const path = fc.oneof(
  { weight: 6, arbitrary: name },
  name.map((n) => `this.${n}`),
  fc.tuple(name, name).map(([x, y]) => `${x}.${y}`),
  name.map((n) => `@root.${n}`),
  { weight: 1, arbitrary: fc.constantFrom('this', '@index', '../a', 'a/b', '[a]', '[this].a') },
);
const text = fc.constantFrom('', 'x', ' ', '\n', '  \n', 'y \n z', '\r\n', ' ** ', '&<>"');
const open = fc.constantFrom('{{', '{{~');
const close = fc.constantFrom('}}', '~}}');
const template: fc.Arbitrary<string> = fc.letrec<{ body: string; statement: string }>((tie) => ({
  body: fc.array(tie('statement'), { maxLength: 3 }).map((parts) => parts.join('')),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: text },
    { weight: 6, arbitrary: fc.tuple(open, path, close).map(([o, p, c]) => `${o}${p}${c}`) },
    fc.constantFrom('{{!-- note --}}', '{{! note }}', '{{{a}}}'),
    {
      weight: 1,
      arbitrary: fc.constantFrom('{{> other}}', '{{a "lit"}}', '{{#with a}}x{{/with}}', '{{#unless a}}x{{/unless}}'),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom('if', 'each'),
          path,
          open,
          close,
          tie('body'),
          fc.option(tie('body'), { nil: undefined }),
          fc.constantFrom('', '\n'),
        )
        .map(
          ([helper, p, o, c, body, inverse, nl]) =>
            `${o}#${helper} ${p}${c}${nl}${body}${inverse === undefined ? '' : `${o}else${c}${nl}${inverse}`}${o}/${helper}${c}${nl}`,
        ),
    },
  ),
})).body;

// Values where handlebars' truthiness, emptiness and joining differ from plain JavaScript's.
const leaf = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>('', 'v', 'w x', ' \n') },
  fc.constantFrom<unknown>(undefined, null, 0, 1, false, true, [], ['p', 'q'], [''], {}, () => 'f'),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(name, tie('value'), { maxKeys: 3 }),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
})).value;
const object = fc.dictionary(name, value, { minKeys: 2, maxKeys: 5 });

test('every template it compiles gives handlebars’ text for any context, or is declined', () => {
  let rendered = 0;
  fc.assert(
    fc.property(
      template.filter((t) => t.includes('{{')),
      object,
      object,
      (t, context, root) => {
        const ours = compiled(t, context, root);
        if (ours === 'declined') return;
        rendered++;
        assert.is(ours, handlebars(t, context, root), t);
      },
    ),
    { numRuns: 6000 },
  );
  assert.ok(rendered > 1500, `${rendered} of 6000 compiled and rendered`);
});

test('it declines what handlebars would treat otherwise: helpers, frames, lambdas, inherited fields', () => {
  for (const t of [
    '{{log}}',
    '{{lookup}}',
    '{{toString}}',
    '{{@index}}',
    '{{../a}}',
    '{{this}}',
    '{{> other}}',
    '{{#unless a}}x{{/unless}}',
  ])
    assert.is(compileCommitLine(t), null, t);
  assert.is(compileCommitLine('{{#if a}}'), null, 'a template handlebars cannot parse');
  assert.is(compiled('{{a}}', { a: () => 'f' }, {}), 'declined', 'a function');
  assert.is(compiled('{{a.toString}}', { a: {} }, {}), 'declined', 'an inherited method');
  assert.is(compiled('{{#each a}}x{{/each}}', { a: { k: 1 } }, {}), 'declined', 'an object to #each');
  assert.is(compiled('{{root.a}}', { root: { a: 'x' } }, {}), 'declined', "the partial's own `root`");
  assert.is(compiled('{{this.root.a}}', { root: { a: 'x' } }, {}), 'declined', "the partial's own `this.root`");
  assert.is(compiled('{{a}}{{a}}', { a: 1 }, {}), 'declined', 'a number, which handlebars would add');
  assert.is(compiled('{{#each a}}{{@root.b}}{{this.c}}{{/each}}', { a: [{ c: '1' }, {}] }, { b: '2' }), '212');
});

test.run();
