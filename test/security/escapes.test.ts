// Commit text that would drive a terminal (OSC retitles the window, CSI clears it, U+009B is a one-character CSI)
// reaches refusals, `remote:` lines, notes, CHANGELOG.md and tag messages without its control characters, while
// the commit object keeps it verbatim.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { printable } from '../../src/core/text.js';
import { initRepo, makeRepo, run, TRUNK, type Repo } from '../helpers/repo.js';

const test = suite('control characters from commits never reach a terminal or a changelog');
const HOSTILE = 'title \x1b]0;pwned\x07 clear \x1b[2J csi \u009b6n end';
const CLEANED = 'title ]0;pwned clear [2J csi 6n end';
let repo: Repo;

test.before.each(async () => {
  repo = await makeRepo({ remote: true });
});

/** Fails when `text` holds ESC, BEL, another C0 control but tab or newline, DEL or a C1 control (8-bit CSI among them). */
function assertPrintable(text: string, what: string) {
  const found = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(text);
  assert.is(
    found && `U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')}`,
    null,
    `${what} holds a control character:\n${JSON.stringify(text)}`,
  );
}

/** The commit object at `rev` as git stores it. */
const commitObject = (rev: string) => repo.git('cat-file', 'commit', rev);

test('printable keeps text, tabs and newlines and drops every C0 control but those, CR, DEL and every C1 control', () => {
  assert.is(printable('feat: añadir 日本 ✓\tok\nnext'), 'feat: añadir 日本 ✓\tok\nnext');
  assert.is(printable('a\x00b\x07c\x08d\x1b[2Je\rf\x7fg\x80h\x9bi\x9fj\xa0k'), 'abcd[2Jefghij\xa0k');
});

test('pre-push refuses a commit made on main whose subject holds escapes, and prints none of them', async () => {
  await repo.git('commit', '-q', '--allow-empty', '--no-verify', '-m', `fix: ${HOSTILE}`);
  const r = await repo.gitResult('push', 'origin', 'main');
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, 'made directly on main is not allowed');
  assert.match(r.stderr, `${(await repo.sha()).slice(0, 7)} fix: ${CLEANED}`);
  assertPrintable(r.stderr + r.stdout, 'the pre-push output');
  assert.ok((await commitObject('HEAD')).includes(`fix: ${HOSTILE}`), 'the commit keeps its bytes');
});

test('the server hook refuses it too, and its remote: lines hold no control character', async () => {
  const server = await repo.git('remote', 'get-url', 'origin');
  await run('git', ['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: server });
  assert.is((await run(process.execPath, [TRUNK, 'server', 'install', server], { cwd: server })).code, 0);
  const old = await repo.sha();
  await repo.git('commit', '-q', '--allow-empty', '--no-verify', '-m', `fix: ${HOSTILE}`);
  const pushed = await repo.gitResult('push', '--no-verify', 'origin', 'main');
  assert.is(pushed.code, 1, pushed.stderr);
  assert.match(pushed.stderr, `remote: trunk: Pushing 1 commit made directly on main is not allowed`);
  assertPrintable(pushed.stderr, 'the push output');
  // git masks control characters on the sideband itself; the hook's own output is checked without git between.
  await run('git', ['fetch', '-q', repo.dir, 'main'], { cwd: server });
  const hook = await run(process.execPath, [TRUNK, 'hook', 'pre-receive'], {
    cwd: server,
    input: `${old} ${await repo.sha()} refs/heads/main\n`,
  });
  assert.is(hook.code, 1, hook.stderr);
  assert.match(hook.stderr, `fix: ${CLEANED}`);
  assertPrintable(hook.stderr + hook.stdout, 'the pre-receive hook output');
});

test('a released feature commit with escapes: notes, CHANGELOG.md and the tag message hold none, the commit keeps them', async () => {
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' } }));
  await repo.git('commit', '-qam', 'chore: release by hand', '--no-verify');
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.git(
    'commit',
    '-q',
    '--allow-empty',
    '--no-verify',
    '--cleanup=verbatim',
    '-m',
    `feat: ${HOSTILE}`,
    '-m',
    `body \x1b[31mred\x1b[0m\r\nline`,
  );
  const feature = await repo.sha();
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/a'", 'feature/a');
  const notes = await repo.trunk(['notes']);
  assert.is(notes.code, 0, notes.stderr);
  assert.match(notes.stdout, CLEANED);
  assertPrintable(notes.stdout + notes.stderr, 'trunk notes');
  const json = await repo.trunk(['notes', '--json']);
  assertPrintable(JSON.parse(json.stdout).notes, 'the notes in trunk notes --json');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(repo.read('CHANGELOG.md'), `* ${CLEANED} ${feature.slice(0, 7)}`);
  assertPrintable(repo.read('CHANGELOG.md'), 'CHANGELOG.md');
  const tag = await repo.git('cat-file', 'tag', 'v1.0.0');
  assert.match(tag, CLEANED);
  assertPrintable(tag, 'the tag message');
  assert.ok(
    (await commitObject(feature)).includes(`feat: ${HOSTILE}\n\nbody \x1b[31mred\x1b[0m\r\nline`),
    'the commit keeps its bytes',
  );
});

test('completing an interrupted release tags with its changelog section, without the control characters in it', async () => {
  repo.write('CHANGELOG.md', `# Changelog\n\n## 1.0.0\n\n* ${HOSTILE}\n`);
  await repo.git('add', 'CHANGELOG.md');
  await repo.git('commit', '-q', '--no-verify', '-m', 'chore(release): v1.0.0\n\nTrunk-Release: v1.0.0');
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'completed the interrupted release v1.0.0');
  const tag = await repo.git('cat-file', 'tag', 'v1.0.0');
  assert.match(tag, `* ${CLEANED}`);
  assertPrintable(tag, 'the tag message');
});

test('trunk env lists a waiting commit with escapes in its subject without them', async () => {
  const envs = await initRepo();
  assert.is((await envs.trunkInit(['--no-install', '--envs', '2'])).code, 0);
  await envs.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0'); // prod runs it; what follows waits in qa
  await envs.git('commit', '-q', '--allow-empty', '--no-verify', '-m', `fix: ${HOSTILE}`);
  const r = await envs.trunk(['env', '--all']);
  assert.match(r.stdout, `fix: ${CLEANED}`);
  assertPrintable(r.stdout + r.stderr, 'trunk env');
});

test.run();
