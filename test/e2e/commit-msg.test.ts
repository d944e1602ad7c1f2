import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('commit-msg hook');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
});

test('refuses a message that is not a Conventional Commit; the message and staged work are kept', async () => {
  const r = await repo.commit('Added the ingress for API.', 'ingress.yaml');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'Commit message "Added the ingress for API." is refused');
  assert.match(r.stderr, '✖ type may not be empty (type-empty)');
  assert.match(r.stderr, 'example: feat: added the ingress for API');
  assert.match(r.stderr, 'git commit -e -F .git/COMMIT_EDITMSG');
  assert.is(repo.read('.git/COMMIT_EDITMSG').trim(), 'Added the ingress for API.');
  assert.is(await repo.git('diff', '--cached', '--name-only'), 'ingress.yaml');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
  const reuse = await repo.gitWith(
    { GIT_EDITOR: "sed -i 's/^Added/feat: added/; s/\\.$//'" },
    'commit',
    '-q',
    '-e',
    '-F',
    '.git/COMMIT_EDITMSG',
  );
  assert.is(reuse.code, 0, reuse.stderr);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'feat: added the ingress for API');
});

test('the example it prints passes the same check', async () => {
  const r = await repo.commit('Fix the broken readiness probe');
  const example = /example: (.*)/.exec(r.stderr)![1];
  const again = await repo.gitResult('commit', '-q', '-m', example);
  assert.is(again.code, 0, again.stderr);
});

test("the example follows the repository's own rules (a required scope), or names the rule no example can satisfy", async () => {
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'scope-empty': [2, 'never'] } }),
  );
  const refused = await repo.commit('bump the chart');
  assert.is(refused.code, 1);
  const example = /example: (.*)/.exec(refused.stderr)![1];
  assert.is(example, 'build(scope): bump the chart');
  assert.is((await repo.gitResult('commit', '-q', '-m', example)).code, 0);
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'body-empty': [2, 'never'] } }),
  );
  const blocked = await repo.commit('add the ingress');
  assert.is(blocked.code, 1);
  assert.not.match(blocked.stderr, 'example:');
  assert.match(
    blocked.stderr,
    '  no example on one line passes your commitlint rules: body may not be empty (body-empty)',
  );
  assert.is(await repo.git('log', '-1', '--format=%s'), 'build(scope): bump the chart');
});

test('accepts Conventional Commits, and the messages git writes itself', async () => {
  assert.is((await repo.commit('feat(api)!: drop v1 routes')).code, 0);
  assert.is((await repo.commit('fixup! feat(api)!: drop v1 routes')).code, 0);
  const sha = await repo.sha();
  const revert = await repo.gitResult('revert', '--no-edit', sha);
  assert.is(revert.code, 0, revert.stderr);
  assert.match(await repo.git('log', '-1', '--format=%s'), /^Revert "fixup! feat/);
});

test('comments and the verbose diff below the scissors line are not part of the message', async () => {
  repo.write('v.yaml', 'v\n');
  await repo.git('add', 'v.yaml');
  const r = await repo.gitWith({ GIT_EDITOR: "sed -i '1s/^/feat: verbose commit/'" }, 'commit', '-q', '-v');
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('log', '-1', '--format=%B'), 'feat: verbose commit');
});

test('core.commentChar=";": its lines are comments for the hook and trunk lint --message alike, and # lines are message text', async () => {
  await repo.git('config', 'core.commentChar', ';');
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'body-empty': [2, 'always'] } }),
  );
  repo.write('comment.txt', '; Not a Conventional Commit: a comment\nfeat: add the ingress\n');
  repo.write('hash.txt', 'feat: add the probe\n\n# this line is message text\n');
  assert.is((await repo.trunk(['lint', '--message', 'comment.txt'])).code, 0);
  const text = await repo.trunk(['lint', '--message', 'hash.txt']);
  assert.is(text.code, 1);
  assert.match(text.stderr, '✖ body must be empty (body-empty)');
  // git strips the ; lines only when it opens the editor: -e, with an editor that changes nothing.
  const commented = await repo.gitWith(
    { GIT_EDITOR: 'true' },
    'commit',
    '-q',
    '--allow-empty',
    '-e',
    '-F',
    'comment.txt',
  );
  assert.is(commented.code, 0, commented.stderr);
  assert.is(await repo.git('log', '-1', '--format=%B'), 'feat: add the ingress');
  const refused = await repo.gitWith({ GIT_EDITOR: 'true' }, 'commit', '-q', '--allow-empty', '-e', '-F', 'hash.txt');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, '✖ body must be empty (body-empty)');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '2');
});

test('core.commentChar=auto: the character git picked (";" when a line starts with #) for the hook and trunk lint --message', async () => {
  await repo.git('config', 'core.commentChar', 'auto');
  // Read as comments, git's ; hints would be a body with lines over 20 characters.
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({
      extends: ['@commitlint/config-conventional'],
      rules: { 'body-max-line-length': [2, 'always', 20] },
    }),
  );
  repo.write('start.txt', 'feat: add the probe\n\n#12 short\n');
  const r = await repo.gitWith({ GIT_EDITOR: 'true' }, 'commit', '-q', '--allow-empty', '-e', '-F', 'start.txt');
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('log', '-1', '--format=%B'), 'feat: add the probe\n\n#12 short');
  assert.match(repo.read('.git/COMMIT_EDITMSG'), '\n; Please enter the commit message');
  const lint = await repo.trunk(['lint', '--message', '.git/COMMIT_EDITMSG']);
  assert.is(lint.code, 0, lint.stderr);
});

test("uses the repository's own commitlint config, and picks up changes to it at once", async () => {
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'type-enum': [2, 'always', ['change']] } }),
  );
  const refused = await repo.commit('feat: add a');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, 'type must be one of [change]');
  assert.match(refused.stderr, 'example: change: add a');
  assert.is((await repo.gitResult('commit', '-q', '-m', 'change: add a')).code, 0);
  repo.write('.commitlintrc.json', JSON.stringify({ extends: ['@commitlint/config-conventional'] }));
  assert.is((await repo.commit('feat: add b')).code, 0);
});

test('a commitlint config in JavaScript is honoured too', async () => {
  await repo.git('rm', '-q', '.commitlintrc.json');
  repo.write(
    'commitlint.config.mjs',
    "export default { extends: ['@commitlint/config-conventional'], rules: { 'scope-empty': [2, 'never'] } };\n",
  );
  const r = await repo.commit('feat: no scope');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'scope may not be empty');
  assert.is((await repo.commit('feat(web): with scope')).code, 0);
});

test('trunk lint --message checks a file; --from/--to checks a range and lists each offending sha', async () => {
  repo.write('msg.txt', 'feat: fine\n# a comment\n');
  assert.is((await repo.trunk(['lint', '--message', 'msg.txt'])).code, 0);
  repo.write('msg.txt', 'not fine\n');
  assert.is((await repo.trunk(['lint', '--message', 'msg.txt'])).code, 1);
  await repo.commit('feat: good');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '--allow-empty', '-m', 'bad subject');
  const bad = (await repo.sha()).slice(0, 7);
  const r = await repo.trunk(['lint', '--from', 'main', '--to', 'HEAD']);
  assert.is(r.code, 1);
  assert.match(r.stderr, `✖ ${bad} "bad subject"`);
  assert.match(r.stderr, '1 of 2 commits in main..HEAD are Conventional Commits');
  const missing = await repo.trunk(['lint', '--from', 'nope']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, 'the commit range nope..HEAD cannot be read');
});

test("rules the bundle loads its own way still judge: trailer-exists (git on first use), is-ignored's version check", async () => {
  repo.write(
    '.commitlintrc.json',
    JSON.stringify({
      extends: ['@commitlint/config-conventional'],
      rules: { 'trailer-exists': [2, 'always', 'Signed-off-by:'] },
    }),
  );
  const unsigned = await repo.commit('feat: add the ingress');
  assert.is(unsigned.code, 1);
  assert.match(unsigned.stderr, 'message must have `Signed-off-by:` trailer (trailer-exists)');
  const signed = await repo.commit('feat: add the ingress\n\nSigned-off-by: Test <test@example.com>');
  assert.is(signed.code, 0, signed.stderr);
  assert.is((await repo.commit('chore: 1.2.0')).code, 0, 'a version commit is ignored, as commitlint ignores it');
  assert.is((await repo.commit('chore: 1.2')).code, 1, 'not a version: linted, and unsigned');
});

test.run();
