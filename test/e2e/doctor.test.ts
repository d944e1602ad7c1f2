import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, Repo, run, tempDir } from '../helpers/repo.js';

const test = suite('trunk doctor and the hook shims');
let repo: Repo;
test.before.each(async () => {
  repo = await makeRepo();
});

test('a bootstrapped clone is reported protected', async () => {
  const r = await repo.trunk(['doctor']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '✔ git runs hooks from .husky/_');
  assert.match(r.stderr, 'trunk: this clone is protected.');
});

test('a fresh clone that never ran the install is not protected, and is told how to fix it', async () => {
  await repo.git('config', '--unset', 'core.hooksPath');
  rmSync(join(repo.dir, '.husky/pre-push'));
  const r = await repo.trunk(['doctor']);
  assert.is(r.code, 1);
  assert.match(r.stderr, '✖ core.hooksPath is not set, so git does not run the trunk hooks');
  assert.match(r.stderr, '✖ .husky/pre-push is missing, so the pre-push check does not run\n  fix: npx trunk-init');
  assert.match(r.stderr, 'trunk: 2 problems');
});

test('an invalid config is a problem with its fix', async () => {
  repo.write('trunk.config.json', JSON.stringify({ maxBehind: -1 }));
  const r = await repo.trunk(['doctor']);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'trunk.config.json: "maxBehind" must be at least 0, not -1');
});

test('a linked worktree is reported until husky runs there; then its hooks use the main work tree’s install', async () => {
  const worktree = join(tempDir('worktrees'), 'a worktree with spaces');
  await repo.git('worktree', 'add', '-q', '-b', 'feature/wt', worktree);
  const wt = new Repo(worktree);
  const doctor = await wt.trunk(['doctor']);
  assert.is(doctor.code, 1);
  assert.match(doctor.stderr, '.husky/_ is missing in this work tree');
  // `npx husky` in the worktree (husky resolves from the fixtures' node_modules above it).
  assert.is(
    (
      await run(process.execPath, ['-e', "import('husky').then((m) => process.exit(m.default() ? 1 : 0))"], {
        cwd: worktree,
      })
    ).code,
    0,
  );
  const bad = await wt.gitResult('commit', '-q', '--allow-empty', '-m', 'bad message');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'is refused');
  assert.is((await wt.gitResult('commit', '-q', '--allow-empty', '-m', 'feat: from a worktree')).code, 0);
});

test('trunk config shows the effective config and where each value comes from; "$schema" is no setting', async () => {
  repo.write(
    'trunk.config.json',
    JSON.stringify({
      $schema: './node_modules/trunk-init/schema/trunk.schema.json',
      tagPrefix: 'release-',
      release: { zeroMajor: true },
    }),
  );
  const r = await repo.trunk(['config']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, '$schema');
  assert.not.ok('$schema' in JSON.parse((await repo.trunk(['config', '--json'])).stdout).config);
  assert.match(r.stdout, 'tagPrefix = "release-"   # trunk.config.json');
  assert.match(r.stdout, 'release.zeroMajor = true   # trunk.config.json');
  assert.match(r.stdout, 'release.onMerge = "tag"   # default');
  assert.match(r.stdout, 'branches = ["feature/*"]   # default');
  assert.is(JSON.parse((await repo.trunk(['config', '--json'])).stdout).config.maxBehind, 50);
});

/** A PATH with the tools hooks use but no node, as GUI git clients give hooks. */
function pathWithoutNode(): string {
  const bin = tempDir('bin');
  for (const tool of ['sh', 'git', 'cat', 'ls', 'head', 'dirname', 'basename', 'env', 'sed'])
    symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  return bin;
}

test("hooks find nvm's node when PATH has none (GUI clients, IDEs)", async () => {
  const home = tempDir('home');
  const nvmBin = join(home, '.nvm/versions/node/v20.1.0/bin');
  mkdirSync(nvmBin, { recursive: true });
  mkdirSync(join(home, '.nvm/alias'));
  writeFileSync(join(home, '.nvm/alias/default'), '20\n');
  writeFileSync(join(nvmBin, 'node'), `#!/bin/sh\n: > "${home}/used"\nexec ${process.execPath} "$@"\n`, {
    mode: 0o755,
  });
  await repo.git('switch', '-q', '-c', 'feature/gui');
  repo.write('a.yaml', 'a\n');
  await repo.git('add', 'a.yaml');
  const r = await repo.gitWith({ PATH: pathWithoutNode(), HOME: home }, 'commit', '-q', '-m', 'bad message');
  assert.is(r.code, 1, 'the check ran and refused');
  assert.match(r.stderr, 'is refused');
  assert.ok(existsSync(join(home, 'used')), "nvm's node ran the hook");
});

test('without any node the hook fails closed with a fix, never passes silently', async () => {
  await repo.git('switch', '-q', '-c', 'feature/gui');
  repo.write('a.yaml', 'a\n');
  await repo.git('add', 'a.yaml');
  const r = await repo.gitWith({ PATH: pathWithoutNode(), HOME: tempDir('home') }, 'commit', '-q', '-m', 'feat: ok');
  assert.is(r.code, 1);
  assert.match(r.stderr, 'trunk: node was not found');
  assert.match(r.stderr, 'TRUNK_NODE=/path/to/node in ~/.config/husky/init.sh');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test('without node_modules (a clone that skipped npm install) the hook fails closed', async () => {
  rmSync(join(repo.dir, 'node_modules'));
  await repo.git('switch', '-q', '-c', 'feature/a');
  const r = await repo.commit('feat: a');
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    'node_modules/trunk-init/hooks/lib.sh is missing, so the pre-commit check cannot run. Fix: npm install',
  );
});

test.run();
