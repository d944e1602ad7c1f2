// Hostile names are data: no shell stands between trunk-init and git, so nothing a branch, tag or message says runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('hostile names and messages');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo({ remote: true });
});

// Ref names cannot hold spaces; ${IFS} is how an injected command would spell one.
const NAMES = [
  'feature/$(touch${IFS}pwned)',
  'feature/`touch${IFS}pwned`',
  'feature/;touch${IFS}pwned',
  'feature/--upload-pack=touch${IFS}pwned',
  'feature/ünïcødé-🚀',
  'feature/\'quoted\'"x"',
];

test('branch names with shell metacharacters, leading dashes and unicode are judged like any other', async () => {
  for (const name of NAMES) {
    await repo.git('switch', '-q', '-c', name, 'main');
    const commit = await repo.commit(`feat: work on ${name}`);
    assert.is(commit.code, 0, `${name}: ${commit.stderr}`);
    const push = await repo.gitResult('push', 'origin', `refs/heads/${name}`);
    assert.is(push.code, 0, `${name}: ${push.stderr}`);
  }
  assert.ok(!existsSync(join(repo.dir, 'pwned')) && !existsSync(join(repo.dir, '..', 'pwned')), 'nothing ran');
});

test('a stacked branch with a hostile name is named in the refusal, verbatim', async () => {
  await repo.git('switch', '-q', '-c', NAMES[0], 'main');
  await repo.commit('feat: base');
  await repo.git('switch', '-q', '-c', 'feature/top');
  const r = await repo.commit('feat: top');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'is stacked on "feature/$(touch${IFS}pwned)"');
  assert.ok(!existsSync(join(repo.dir, 'pwned')));
});

test('hostile tag names and messages are refused or accepted as data', async () => {
  await repo.git('tag', 'v1.0.0;touch${IFS}pwned');
  const tag = await repo.gitResult('push', 'origin', 'refs/tags/v1.0.0;touch${IFS}pwned');
  assert.is(tag.code, 1);
  assert.match(tag.stderr, 'Tag v1.0.0;touch${IFS}pwned looks like a release but is not');
  await repo.git('switch', '-q', '-c', 'feature/msg');
  const message = await repo.commit('feat: $(touch pwned) `touch pwned` ; touch pwned\n\n"\'<>|&');
  assert.is(message.code, 0, message.stderr);
  assert.ok(!existsSync(join(repo.dir, 'pwned')));
});

test.run();
