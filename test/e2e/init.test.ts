import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, tempDir, run, TRUNK_INIT } from '../helpers/repo.js';

const test = suite('trunk-init');

test('bootstraps an empty repository: files, hooks path, and the initial commit on main', async () => {
  const repo = await initRepo(tempDir('repo'), ['--initial-branch=master']);
  repo.write('staged.txt', 'mine\n');
  await repo.git('add', 'staged.txt');
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('config', 'core.hooksPath'), '.husky/_');
  assert.is(await repo.git('symbolic-ref', '--short', 'HEAD'), 'main');
  assert.is(await repo.git('log', '--format=%s'), 'chore: bootstrap trunk-based development with trunk-init');
  const committed = (await repo.git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort();
  assert.equal(committed, [
    '.commitlintrc.json',
    '.gitattributes',
    '.gitignore',
    '.husky/commit-msg',
    '.husky/post-merge',
    '.husky/pre-commit',
    '.husky/pre-push',
    'package.json',
    'trunk.config.json',
  ]);
  assert.is(
    await repo.git('diff', '--cached', '--name-only'),
    'staged.txt',
    'what the user staged stays staged, uncommitted',
  );
  const pkg = JSON.parse(repo.read('package.json'));
  assert.is(pkg.private, true);
  assert.is(pkg.scripts.prepare, 'husky');
  assert.ok(
    pkg.devDependencies['trunk-init'] &&
      pkg.devDependencies.husky &&
      pkg.devDependencies['@commitlint/config-conventional'],
  );
  assert.match(repo.read('.gitattributes'), '.husky/* text eol=lf');
  assert.ok(statSync(join(repo.dir, '.husky/pre-commit')).mode & 0o100, 'shims are executable');
});

test('in a repository with history and no package.json: writes the files, commits nothing', async () => {
  const repo = await initRepo();
  repo.write('apps/web.yaml', 'replicas: 1\n');
  await repo.git('add', '.');
  await repo.git('commit', '-q', '-m', 'initial manifests');
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
  assert.ok(existsSync(join(repo.dir, 'package.json')));
  assert.match(await repo.git('status', '--porcelain'), '?? package.json');
});

test('running it twice changes nothing the second time', async () => {
  const repo = await initRepo();
  await repo.trunkInit();
  const before = await snapshot(repo.dir);
  const r = await repo.trunkInit();
  assert.is(r.code, 0);
  assert.match(r.stderr, 'nothing to do');
  assert.equal(await snapshot(repo.dir), before);
});

test("keeps the user's own files and says so; --force overwrites configs, never a hook line", async () => {
  const repo = await initRepo();
  repo.write('.husky/pre-commit', '#!/bin/sh\necho my own hook\n');
  repo.write('commitlint.config.mjs', "export default { extends: ['@commitlint/config-conventional'] };\n");
  repo.write('package.json', '{\n\t"name": "x",\n\t"scripts": { "prepare": "make" }\n}\n');
  const r = await repo.trunkInit(['--no-install', '--yes']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /update\s+\.husky\/pre-commit \(yours: every line kept, trunk-init's block added\)/);
  assert.match(r.stderr, /keep\s+\.commitlintrc\.json \(you have commitlint\.config\.mjs\)/);
  assert.match(
    repo.read('.husky/pre-commit'),
    /^#!\/bin\/sh\n# >>> trunk-init pre-commit:[^]*# <<< trunk-init pre-commit\necho my own hook\n$/,
  );
  assert.ok(!existsSync(join(repo.dir, '.commitlintrc.json')));
  assert.match(repo.read('package.json'), '\t"scripts": {\n\t\t"prepare": "make && husky"');
  await repo.trunkInit(['--no-install', '--force']);
  assert.ok(existsSync(join(repo.dir, '.commitlintrc.json')), '--force writes the config beside yours');
  assert.match(repo.read('.husky/pre-commit'), /# <<< trunk-init pre-commit\necho my own hook\n$/);
});

test('--dry-run lists the plan and writes nothing', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', '--dry-run']);
  assert.is(r.code, 0);
  assert.match(r.stderr, /create\s+trunk\.config\.json/);
  assert.match(r.stderr, 'would create the initial commit');
  assert.is(await repo.git('status', '--porcelain'), '?? node_modules');
  assert.is((await repo.gitResult('config', 'core.hooksPath')).code, 1);
});

test("refuses to clobber another tool's core.hooksPath", async () => {
  const repo = await initRepo();
  await repo.git('config', 'core.hooksPath', '.githooks');
  const r = await repo.trunkInit();
  assert.is(r.code, 2);
  assert.match(r.stderr, 'core.hooksPath is already set to ".githooks"');
  assert.match(r.stderr, 'fix: ');
  assert.is(await repo.git('config', 'core.hooksPath'), '.githooks');
  assert.ok(!existsSync(join(repo.dir, 'package.json')));
});

test('outside a git repository: exit 2 and how to create one', async () => {
  const dir = tempDir('plain');
  const r = await run(process.execPath, [TRUNK_INIT, '--no-install'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, `${dir} is not inside a git repository`);
  assert.match(r.stderr, 'git init -b main');
  assert.not.match(r.stderr, '    at ', 'no stack trace');
});

test('a repository whose history is on master gets trunk "master"', async () => {
  const repo = await initRepo(tempDir('repo'), ['--initial-branch=master']);
  await repo.git('commit', '-q', '--allow-empty', '-m', 'chore: start');
  await repo.trunkInit();
  assert.is(JSON.parse(repo.read('trunk.config.json')).trunk, 'master');
});

/** A bare remote whose default branch (HEAD) is `branch`, holding one commit on it. */
async function remoteWith(branch: string) {
  const seed = await initRepo(tempDir('seed'), [`--initial-branch=${branch}`]);
  await seed.git('commit', '-q', '--allow-empty', '-m', 'chore: start');
  const remote = tempDir('remote.git');
  await run('git', ['init', '-q', '--bare', `--initial-branch=${branch}`, remote], { cwd: remote });
  await seed.git('push', '-q', remote, branch);
  return remote;
}

test("a local master tracking origin/main: the config names origin's main, says so, and doctor says how to rename", async () => {
  const remote = await remoteWith('main');
  const repo = await initRepo(tempDir('repo'), ['--initial-branch=master']);
  await repo.git('remote', 'add', 'origin', remote);
  await repo.git('fetch', '-q', 'origin');
  await repo.git('remote', 'set-head', 'origin', 'main');
  await repo.git('checkout', '-q', '-B', 'master', 'origin/main');
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(repo.read('trunk.config.json')).trunk, 'main');
  assert.match(
    r.stderr,
    `  trunk     "main", origin's default branch, which this clone calls master: git branch -m master main`,
  );
  const doctor = await repo.trunk(['doctor']);
  assert.match(
    doctor.stderr,
    '✖ the trunk branch "main" does not exist here: this clone\'s master tracks origin/main under another name\n  fix: git branch -m master main',
  );
  await repo.git('branch', '-m', 'master', 'main');
  const fixed = await repo.trunk(['doctor']);
  assert.match(fixed.stderr, '✔ trunk branch main exists');
  assert.is(
    await repo.git('rev-parse', '--abbrev-ref', 'main@{upstream}'),
    'origin/main',
    'the renamed branch still tracks origin/main',
  );
});

test('without origin/HEAD, the only one of main, master and trunk on origin is the trunk', async () => {
  const remote = await remoteWith('master');
  const repo = await initRepo();
  await repo.git('remote', 'add', 'origin', remote);
  await repo.git('fetch', '-q', 'origin');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'chore: local start');
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(repo.read('trunk.config.json')).trunk, 'master');
  assert.match(
    r.stderr,
    `  trunk     "master", origin's default branch, which this clone calls main: git branch -m main master`,
  );
});

test('release tags without a prefix (1.2.3): tagPrefix "", the next release is 1.3.0, and pre-push takes it', async () => {
  const repo = await initRepo();
  const remote = tempDir('remote.git');
  await run('git', ['init', '-q', '--bare', '--initial-branch=main', remote], { cwd: remote });
  await repo.git('remote', 'add', 'origin', remote);
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: first manifests');
  await repo.git('tag', '1.0.0');
  await repo.git('commit', '-q', '--allow-empty', '-m', 'fix: probe');
  await repo.git('tag', '-a', '1.2.3', '-m', '1.2.3');
  await repo.git('push', '-q', 'origin', 'main', '--tags');
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(repo.read('trunk.config.json')).tagPrefix, '');
  assert.match(r.stderr, '  tags      tagPrefix "": your release tags have no prefix (1.2.3)');
  await repo.git('switch', '-q', '-c', 'feature/adopt');
  await repo.git('add', '-A');
  assert.is((await repo.gitResult('commit', '-q', '-m', 'feat: adopt trunk-init')).code, 0);
  await repo.git('switch', '-q', 'main');
  const merged = await repo.gitResult('merge', '--no-ff', '-m', "Merge branch 'feature/adopt'", 'feature/adopt');
  assert.match(merged.stderr, 'released 1.3.0 (minor)');
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), '1.3.0');
  const push = await repo.gitResult('push', '--atomic', 'origin', 'main', '1.3.0');
  assert.is(push.code, 0, push.stderr);
  assert.is(
    (await run('git', ['--git-dir', remote, 'tag', '--list'], { cwd: remote })).stdout,
    '1.0.0\n1.2.3\n1.3.0\n',
  );
});

test('release tags in both spellings: the spelling of the highest release wins, and the mix is reported', async () => {
  const repo = await initRepo();
  await repo.git('commit', '-q', '--allow-empty', '-m', 'chore: start');
  for (const tag of ['v0.9.0', 'v0.9.1', '1.2.3', 'latest']) await repo.git('tag', tag);
  const r = await repo.trunkInit();
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(repo.read('trunk.config.json')).tagPrefix, '');
  assert.match(
    r.stderr,
    '  tags      tagPrefix "": release tags in two spellings, 2 like v0.9.1 and 1 like 1.2.3; the highest, 1.2.3, decides',
  );
});

async function snapshot(dir: string) {
  const files = [
    'package.json',
    '.husky/pre-commit',
    '.husky/commit-msg',
    '.husky/pre-push',
    '.husky/post-merge',
    '.commitlintrc.json',
    'trunk.config.json',
    '.gitattributes',
    '.gitignore',
    '.husky/_/h',
  ];
  return files.map((f) => [f, readFileSync(join(dir, f), 'utf8'), statSync(join(dir, f)).mtimeMs]);
}

test.run();
