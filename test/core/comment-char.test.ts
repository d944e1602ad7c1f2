import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commentCharOf } from '../../src/core/commits/comment-char.js';
import { initRepo } from '../helpers/repo.js';

const test = suite('commentCharOf');

const HINTS = (c: string) =>
  `\n${c} Please enter the commit message for your changes. Lines starting\n${c} with '${c}' will be ignored.\n${c}\n`;
const CUT = (c: string) =>
  `${c} ------------------------ >8 ------------------------\n${c} Do not modify or remove the line above.\ndiff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b\n`;

/** [core.commentChar, the file the commit-msg hook gets, its comment character]. */
const cases: [string, string, string][] = [
  ['', `feat: x\n${HINTS('#')}`, '#'],
  [';', `feat: x\n# not a comment\n${HINTS(';')}`, ';'],
  ['auto', `feat: x\n${HINTS('#')}`, '#'],
  ['AUTO', `#12 fix\n${HINTS(';')}`, ';'],
  ['auto', `#1\n;2\n@3\n${HINTS('!')}`, '!'],
  ['auto', `a # not at the start\n${HINTS('#')}`, '#'],
  ['auto', `#12 fix\n${HINTS(';')}${CUT(';')}`, ';'],
  // No hints (git commit -m): the pick git made for the message itself.
  ['auto', 'feat: x\n\n#12 is text\nSigned-off-by: A <a@b>', ';'],
  ['auto', 'feat: x', '#'],
];
for (const [setting, message, expected] of cases)
  test(`core.commentChar=${JSON.stringify(setting)}, ${JSON.stringify(message.slice(0, 24))}…: ${expected}`, () =>
    assert.is(commentCharOf(setting, message), expected));

test('core.commentChar=auto: the character git commit writes its hints with, for each message it starts from', async () => {
  const repo = await initRepo();
  // A commit-msg hook that keeps the file git hands it and aborts the commit.
  repo.write('capture/commit-msg', '#!/bin/sh\ncp "$1" "$(dirname "$0")/seen"\nexit 1\n');
  chmodSync(join(repo.dir, 'capture/commit-msg'), 0o755);
  repo.write('x.yaml', '#a\n;b\n');
  await repo.git('add', 'x.yaml'); // -v shows its diff below the scissors line
  const starts = ['', 'feat: x', '#12 fix', '#1\n;2', '#1\n;2\n@3\n!4', 'a # b', 'feat: x\n\n#12\n;13\n\n@alice'];
  for (const start of starts)
    for (const verbose of [[], ['-v']]) {
      repo.write('start.txt', start);
      const args = [
        '-c',
        'core.commentChar=auto',
        '-c',
        'core.hooksPath=capture',
        'commit',
        '-e',
        '-F',
        'start.txt',
        ...verbose,
      ];
      const r = await repo.gitWith({ GIT_EDITOR: 'true', LC_ALL: 'C' }, ...args);
      assert.is(r.code, 1, r.stderr);
      const seen = readFileSync(join(repo.dir, 'capture/seen'), 'utf8');
      const gits = /with '(.)' will be ignored/.exec(seen)?.[1];
      assert.ok(gits, seen);
      if (verbose.length) assert.match(seen, `${gits} ------------------------ >8 ------------------------\n`);
      assert.is(commentCharOf('auto', seen), gits, `${JSON.stringify(start)} ${verbose.join('')}`);
    }
});

test.run();
