// trunk-init with lefthook: its scripts in lefthook.yml, run by the real lefthook (from npm) on real commits, merges
// and pushes to a bare remote; and a hand-written pre-push command without use_stdin, which cannot see the push.
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { initRepo, PROJECT, remoteSha, Repo, run, tempDir, type Result, addOrigin } from '../helpers/repo.js';

const LEFTHOOK = join(PROJECT, 'node_modules/.bin/lefthook');
/** lefthook on PATH, as `npm i -D lefthook` puts it there for npm scripts; the hooks it installs name its binary. */
const bin = tempDir('bin');
symlinkSync(LEFTHOOK, join(bin, 'lefthook'));
const PATH = `${bin}:${process.env.PATH}`;

/** The user's config before trunk-init: a check of their own on commit. */
const CONFIG = `# team hooks
pre-commit:
  parallel: true
  commands:
    yaml-ok:
      glob: "*.yaml"
      run: "true"
`;

const output = (r: Result) => r.stdout + r.stderr;

const test = suite('lefthook');
let repo: Repo;
let init: Result;
test.before.each(async () => {
  repo = await initRepo();
  repo = new Repo(repo.dir, { PATH });
  repo.write('lefthook.yml', CONFIG);
  await addOrigin(repo);
  init = await repo.trunkInit(['--no-install']); // lefthook.yml picks lefthook, no --hooks needed
});

test('trunk-init adds its scripts, writes the shims lefthook runs, runs lefthook install, and installs no husky', async () => {
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stderr, 'lefthook install: pre-commit, commit-msg, pre-push, post-merge');
  const text = repo.read('lefthook.yml');
  assert.ok(text.startsWith(CONFIG), "the user's lines stay as they were");
  assert.equal(parse(text)['pre-push'].scripts['trunk-init'], { runner: 'sh', use_stdin: true });
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push', 'post-merge']) {
    assert.match(repo.read(`.lefthook/${hook}/trunk-init`), `exec sh "$check" ${hook} "$@"`);
    assert.ok(statSync(join(repo.dir, `.lefthook/${hook}/trunk-init`)).mode & 0o100);
    assert.match(
      readFileSync(join(repo.dir, '.git/hooks', hook), 'utf8'),
      'LEFTHOOK',
      `.git/hooks/${hook} is lefthook's`,
    );
  }
  assert.match(repo.read('.gitattributes'), '.lefthook/*/trunk-init text eol=lf');
  assert.not.ok(existsSync(join(repo.dir, '.husky')));
  assert.is((await repo.gitResult('config', 'core.hooksPath')).stdout, '');
  assert.is(JSON.parse(repo.read('package.json')).devDependencies.husky, undefined);
  assert.match(await repo.git('show', '--name-only', '--format=', 'HEAD'), '.lefthook/pre-push/trunk-init');
  const again = await repo.trunkInit(['--no-install']);
  assert.match(again.stderr, 'nothing to do');
});

test('trunk doctor sees the checks lefthook runs, and names a check its config no longer runs', async () => {
  const ok = await repo.trunk(['doctor']);
  assert.is(ok.code, 0, ok.stderr);
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'])
    assert.match(ok.stderr, `✔ lefthook.yml runs the ${hook} check`);
  repo.write('lefthook.yml', CONFIG);
  const gone = await repo.trunk(['doctor']);
  assert.is(gone.code, 1);
  assert.match(gone.stderr, '✖ lefthook.yml does not run the pre-push check\n  fix: npx trunk-init --hooks lefthook');
});

test('the real lefthook runs trunk: no commit on main, even an empty one (no staged file); messages linted; a merge releases', async () => {
  const head = await repo.sha();
  const onMain = await repo.gitResult('commit', '--allow-empty', '-m', 'feat: straight on main');
  assert.is(onMain.code, 1);
  assert.match(output(onMain), 'Committing directly on main is not allowed');
  await repo.git('switch', '-q', '-c', 'feature/ingress');
  const bad = await repo.commit('added ingress');
  assert.is(bad.code, 1);
  assert.match(output(bad), 'is not a Conventional Commit');
  assert.is(await repo.sha(), head);
  await repo.git('switch', '-q', 'main');
  const merged = await repo.mergeFeature('feature/a', 'feat: a');
  assert.is(merged.code, 0, output(merged));
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
});

test("pre-push gets git's ref lines: a --no-verify commit on main and a bad tag stay local; an up-to-date push passes", async () => {
  assert.is((await repo.gitResult('push', '-q', '-u', 'origin', 'main')).code, 0);
  const published = await remoteSha(repo, 'refs/heads/main');
  await repo.git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'fix: hotfix straight on main');
  const direct = await repo.gitResult('push', 'origin', 'main');
  assert.is(direct.code, 1);
  assert.match(output(direct), 'Pushing 1 commit made directly on main is not allowed');
  assert.is(await remoteSha(repo, 'refs/heads/main'), published);
  await repo.git('reset', '-q', '--hard', 'origin/main');
  // A tag on a commit the remote has: no file to push, so lefthook would skip a `run:` command here.
  await repo.git('tag', 'v1.0');
  const tag = await repo.gitResult('push', 'origin', 'v1.0');
  assert.is(tag.code, 1);
  assert.match(output(tag), 'Tag v1.0 looks like a release');
  assert.is(await remoteSha(repo, 'refs/tags/v1.0'), '');
  // Up to date, while another local branch holds commits the remote lacks: git passes no lines, and that is no push.
  await repo.git('tag', '-d', 'v1.0');
  await repo.git('switch', '-q', '-c', 'feature/wip');
  await repo.commit('feat: wip');
  await repo.git('switch', '-q', 'main');
  const noop = await repo.gitResult('push', 'origin', 'main');
  assert.is(noop.code, 0, output(noop));
  assert.match(noop.stderr, 'Everything up-to-date');
});

test('--uninstall gives lefthook.yml back byte for byte and removes the scripts and their .gitattributes line', async () => {
  const r = await repo.trunkInit(['--uninstall']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /update\s+lefthook\.yml \(trunk-init's hooks taken out\)/);
  assert.is(repo.read('lefthook.yml'), CONFIG);
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'])
    assert.not.ok(existsSync(join(repo.dir, `.lefthook/${hook}/trunk-init`)));
  assert.not.match(existsSync(join(repo.dir, '.gitattributes')) ? repo.read('.gitattributes') : '', 'trunk-init');
});

test.run();

const hand = suite('lefthook, hand-written pre-push command');

hand(
  'without use_stdin: a push of new commits is refused with the setting to fix; a push lefthook runs nothing for passes',
  async () => {
    const repo = await initRepo();
    await addOrigin(repo);
    await repo.trunkInit(['--no-install', '--hooks', 'husky']);
    await repo.git('push', '-q', '-u', 'origin', 'main');
    // The README used to say: call `trunk hook pre-push` from your hook manager.
    await repo.git('config', '--unset', 'core.hooksPath');
    repo.write(
      'lefthook.yml',
      'pre-push:\n  commands:\n    trunk:\n      run: node node_modules/trunk-init/dist/trunk.mjs hook pre-push {1}\n',
    );
    const installed = await run(LEFTHOOK, ['install'], { cwd: repo.dir });
    assert.is(installed.code, 0, output(installed));
    const published = await remoteSha(repo, 'refs/heads/main');
    mkdirSync(join(repo.dir, 'apps'));
    repo.write('apps/hot.yaml', 'replicas: 2\n');
    await repo.git('add', 'apps/hot.yaml');
    await repo.git('commit', '-q', '--no-verify', '-m', 'fix: hotfix straight on main');
    const pushed = await repo.gitResult('push', 'origin', 'main');
    assert.is(pushed.code, 1, output(pushed));
    assert.match(output(pushed), "lefthook.yml: pre-push.commands.trunk runs trunk's pre-push without use_stdin: true");
    assert.match(output(pushed), 'refs/heads/main');
    assert.match(output(pushed), 'fix: add "use_stdin: true" to pre-push.commands.trunk');
    assert.is(await remoteSha(repo, 'refs/heads/main'), published);
    await repo.git('reset', '-q', '--hard', 'origin/main');
    const noop = await repo.gitResult('push', 'origin', 'main');
    assert.is(noop.code, 0, output(noop));
  },
);

hand("a hook of the clone's own that lefthook install will stop running is named", async () => {
  const repo = new Repo((await initRepo()).dir, { PATH });
  repo.write('.git/hooks/pre-push', '#!/bin/sh\necho mine\n');
  await run('chmod', ['+x', '.git/hooks/pre-push'], { cwd: repo.dir });
  const r = await repo.trunkInit(['--no-install', '--hooks', 'lefthook']);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    'lefthook install renames .git/hooks/pre-push (a hook of your own) to pre-push.old and stops running it: run it from lefthook.yml',
  );
  assert.ok(existsSync(join(repo.dir, '.git/hooks/pre-push.old')), 'lefthook kept it aside');
});

hand.run();
