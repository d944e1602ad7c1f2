import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hasBlock, runsTrunkHook, withBlock, withoutBlock } from '../../src/core/bootstrap/hook-block.js';

const test = suite('the hook block');
const hookName = fc.constantFrom('pre-commit', 'pre-push', 'post-checkout');
const userFile = fc.oneof(
  fc.string(),
  fc
    .array(
      fc.constantFrom(
        '#!/bin/sh',
        '#!/usr/bin/env sh',
        'npx lint-staged',
        'exit 0',
        '',
        'echo "$@"',
        '# >>> not ours',
        '. "$(dirname -- "$0")/_/husky.sh"',
      ),
    )
    .map((lines) => lines.join('\n')),
);

test('adding then removing the block gives the user file back byte for byte', () => {
  fc.assert(
    fc.property(userFile, hookName, (text, hook) => {
      // A file that is a bare shebang holds no command of the user's, and is indistinguishable from trunk-init's own.
      fc.pre(
        !hasBlock(text, hook) && !text.includes('# trunk-init shim') && !/^#![^\n]*\n?$/.test(text) && text !== '',
      );
      const added = withBlock(text, hook);
      assert.ok(hasBlock(added, hook));
      assert.is(withoutBlock(added, hook), text);
    }),
  );
});

test('adding the block again changes nothing, and keeps every user line', () => {
  fc.assert(
    fc.property(userFile, hookName, (text, hook) => {
      fc.pre(!text.includes('# trunk-init shim') && !hasBlock(text, hook));
      const once = withBlock(text, hook);
      assert.is(withBlock(once, hook), once);
      for (const line of text.split('\n')) assert.ok(once.split('\n').includes(line), line);
    }),
  );
});

test('the block goes after the shebang, so it runs even when the user file ends in exit 0', () => {
  const text = withBlock('#!/bin/sh\nnpx lint-staged\nexit 0\n', 'pre-commit');
  assert.ok(text.startsWith('#!/bin/sh\n# >>> trunk-init pre-commit:'));
  assert.ok(text.endsWith('# <<< trunk-init pre-commit\nnpx lint-staged\nexit 0\n'));
  assert.is(withoutBlock(withBlock(null, 'pre-push'), 'pre-push'), null, 'a file that was only ours is removed');
});

test('a file runs trunk’s check with the block or with any trunk hook line; a chain-only block does not', () => {
  assert.ok(runsTrunkHook(withBlock(null, 'pre-push'), 'pre-push'));
  assert.ok(runsTrunkHook('npx trunk hook commit-msg "$1"', 'commit-msg'));
  assert.ok(runsTrunkHook('run: node_modules/.bin/trunk hook pre-push', 'pre-push'));
  assert.not.ok(runsTrunkHook('npx trunk hook pre-commit-msg', 'pre-commit'));
  assert.not.ok(runsTrunkHook(withBlock(null, 'post-checkout'), 'pre-commit'));
  assert.not.ok(runsTrunkHook('npx commitlint --edit "$1"', 'commit-msg'));
  assert.not.ok(
    runsTrunkHook('#!/bin/sh\n# npx trunk hook pre-commit   (disabled for now)\nnpx lint-staged\n', 'pre-commit'),
    'a comment runs nothing',
  );
});

test.run();
