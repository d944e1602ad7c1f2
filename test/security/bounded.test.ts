// A hostile message must not stall the hooks: the server's pre-receive refuses a 5,000-character subject and a
// 10 MB body, and commit-msg judges such messages as commitlint does (its own problem text), or by the bounds.
// Speed is measured in bench/messages.ts; these tests check the verdicts.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importCommits, PROJECT, remoteSha, run, type Repo } from '../helpers/repo.js';
import { hookedServer, type HookedServer } from '../helpers/server.js';

const test = suite('bounded work on hostile messages');
let repo: Repo;
let hooked: HookedServer;
const serverRefs = () => hooked.refs();

const SUBJECT = `feat: ${'a'.repeat(4994)}`; // 5,000 characters, no space: the parser's slowest kind
const BODY = `feat: add ingress\n\n${'Adjusts replicas and limits for the service\n'.repeat(240_000)}`; // 10 MB
/** Commits `message` with the client hooks skipped, as --no-verify, HUSKY=0 or a GUI client would. */
async function commitUnchecked(message: string) {
  repo.write('.git/HOSTILE_MSG', message);
  await repo.git('commit', '-q', '--no-verify', '--allow-empty', '-F', '.git/HOSTILE_MSG');
}
/** Commits `message` through the commit-msg hook. */
function commitChecked(message: string, ...args: string[]) {
  repo.write('.git/HOSTILE_MSG', message);
  return repo.gitResult('commit', '-q', '--allow-empty', ...args, '-F', '.git/HOSTILE_MSG');
}

test.before.each(async () => {
  hooked = await hookedServer();
  repo = hooked.repo;
  await repo.git('switch', '-q', '-c', 'feature/a');
});

for (const [name, message, problem] of [
  ['a 5,000-character subject', SUBJECT, 'header must not be longer than 100 characters, current length is 5000'],
  ['a 10 MB body', BODY, 'trunk lints messages of up to 2,097,152'],
]) {
  test(`a push of a commit with ${name} is refused, and the server is unchanged`, async () => {
    const before = await serverRefs();
    await commitUnchecked(message);
    const r = await repo.gitResult('push', '--no-verify', 'origin', 'feature/a');
    assert.is(r.code, 1);
    assert.match(r.stderr, '! [remote rejected] feature/a -> feature/a (pre-receive hook declined)');
    assert.match(r.stderr, problem);
    assert.is(await serverRefs(), before);
    assert.is(await remoteSha(repo, 'refs/heads/feature/a'), '');
  });
}

test("commit-msg refuses a 5,000-character subject with commitlint's own problem", async () => {
  const r = await commitChecked(SUBJECT);
  assert.is(r.code, 1);
  assert.match(r.stderr, '✖ header must not be longer than 100 characters, current length is 5000 (header-max-length)');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test('commit-msg refuses a 10 MB body by the message bound', async () => {
  const r = await commitChecked(BODY);
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    '✖ message is 10,560,018 characters long; trunk lints messages of up to 2,097,152 (trunk-max-message-length)',
  );
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test("commit-msg accepts a 60 KB message commitlint's CLI accepts, and refuses one it refuses", async () => {
  const body = 'Adjusts replicas and limits for the service, see org/repo#9 and https://example.com/a?b=c\n'.repeat(
    680,
  );
  for (const [message, code] of [
    [`feat: add ingress\n\n${body}`, 0],
    [`feat: Add ingress.\n\n${body}`, 1],
  ] as const) {
    repo.write('.git/ORACLE_MSG', message);
    const commitlint = await run(
      process.execPath,
      [join(PROJECT, 'node_modules/@commitlint/cli/cli.js'), '--edit', '.git/ORACLE_MSG'],
      { cwd: repo.dir },
    );
    assert.is(commitlint.code, code, commitlint.stdout);
    assert.is((await commitChecked(message)).code, code);
  }
});

test('a verbose commit with a 10 MB diff below the scissors is judged by its message alone (git commit -v)', async () => {
  repo.write('big.yaml', `data: ${'x'.repeat(100)}\n`.repeat(100_000));
  await repo.git('add', 'big.yaml');
  const r = await repo.gitWith(
    { GIT_EDITOR: 'true' },
    'commit',
    '-q',
    '-v',
    '-e',
    '-m',
    'feat: add a large values file',
  );
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'feat: add a large values file');
});

test('trunk release and trunk notes read hostile commits on main for their type, scope and breaking change', async () => {
  await repo.git('switch', '-q', 'main');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  const body = `feat(web): add the probe\n\n${`${'a'.repeat(99)}\n`.repeat(105_000)}\nBREAKING CHANGE: the probe is required`;
  await importCommits(repo, 'main', [`fix(api): ${'a'.repeat(5000)}`, body]);
  const r = await repo.trunk(['release', '--dry-run', '--json']);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal([json.tag, json.bump, json.commits], ['v2.0.0', 'major', 2]);
  assert.match(json.notes, 'the probe is required');
  assert.match(json.notes, '**api:** aaaa');
  const notes = await repo.trunk(['notes']);
  assert.is(notes.code, 0, notes.stderr);
  assert.match(notes.stdout, '## 2.0.0');
});

test.run();
