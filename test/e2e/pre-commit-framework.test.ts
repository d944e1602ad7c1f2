// trunk-init with the pre-commit framework: its entries in .pre-commit-config.yaml, run by the real pre-commit on real
// commits, merges and pushes to a bare remote; and this repository's .pre-commit-hooks.yaml for teams that add it
// as a hook repository.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { initRepo, PROJECT, remoteSha, Repo, run, tempDir, type Result, addOrigin } from '../helpers/repo.js';

/** The user's config before trunk-init: pre-commit's sample layout and a hook of their own that always passes. */
const CONFIG = `# infrastructure checks
repos:
-   repo: local
    hooks:
    -   id: yaml-ok
        name: yaml ok
        entry: "true"
        language: system
        stages: [commit]
`;

const hookFile = (repo: Repo, hook: string) =>
  existsSync(join(repo.dir, '.git/hooks', hook)) ? readFileSync(join(repo.dir, '.git/hooks', hook), 'utf8') : '';

const test = suite('pre-commit framework');
let repo: Repo;
let init: Result;
test.before.each(async () => {
  repo = await initRepo();
  repo.write('.pre-commit-config.yaml', CONFIG);
  await addOrigin(repo);
  init = await repo.trunkInit(['--no-install']); // the config picks pre-commit, no --hooks needed
});

test('trunk-init adds its entries to the config, runs pre-commit install, and installs no husky', async () => {
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stderr, /update\s+\.pre-commit-config\.yaml/);
  assert.match(init.stderr, 'pre-commit install: pre-commit, commit-msg, pre-push, post-merge');
  const text = repo.read('.pre-commit-config.yaml');
  assert.ok(text.startsWith(CONFIG), "the user's lines stay as they were");
  assert.equal(parse(text).default_install_hook_types, ['pre-commit', 'commit-msg', 'pre-push', 'post-merge']);
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'])
    assert.match(hookFile(repo, hook), 'pre-commit.com', `.git/hooks/${hook} is pre-commit's`);
  assert.not.ok(existsSync(join(repo.dir, '.husky')));
  assert.is((await repo.gitResult('config', 'core.hooksPath')).stdout, '');
  const pkg = JSON.parse(repo.read('package.json'));
  assert.is(pkg.scripts, undefined, 'no prepare: husky');
  assert.is(pkg.devDependencies.husky, undefined);
  assert.ok(pkg.devDependencies['trunk-init']);
  assert.is(
    await repo.git('log', '--format=%s'),
    'chore: bootstrap trunk-based development with trunk-init',
    'the initial commit went through pre-commit',
  );
  assert.match(await repo.git('show', '--name-only', '--format=', 'HEAD'), '.pre-commit-config.yaml');
  const again = await repo.trunkInit(['--no-install']);
  assert.match(again.stderr, 'nothing to do');
});

test('trunk doctor sees the checks pre-commit runs, and names a hook type pre-commit no longer installs', async () => {
  const ok = await repo.trunk(['doctor']);
  assert.is(ok.code, 0, ok.stderr);
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'])
    assert.match(ok.stderr, `✔ .pre-commit-config.yaml runs the ${hook} check`);
  assert.match(ok.stderr, "✔ pre-commit's git hooks are installed");
  assert.is((await run('pre-commit', ['uninstall', '--hook-type', 'pre-push'], { cwd: repo.dir })).code, 0);
  const gone = await repo.trunk(['doctor']);
  assert.is(gone.code, 1);
  assert.match(
    gone.stderr,
    "✖ pre-commit's git hooks are not all installed in .git/hooks, so git does not run every check\n  fix: pre-commit install",
  );
});

test('the real pre-commit runs trunk: no commit on main, even an empty one; messages linted; a merge releases', async () => {
  const head = await repo.sha();
  const onMain = await repo.gitResult('commit', '--allow-empty', '-m', 'feat: straight on main');
  assert.is(onMain.code, 1);
  assert.match(onMain.stdout + onMain.stderr, 'Committing directly on main is not allowed');
  assert.is(await repo.sha(), head);
  await repo.git('switch', '-q', '-c', 'feature/ingress');
  const bad = await repo.commit('added ingress');
  assert.is(bad.code, 1);
  assert.match(bad.stdout + bad.stderr, 'is not a Conventional Commit');
  assert.is(await repo.sha(), head);
  assert.is((await repo.commit('feat: add ingress')).code, 0);
  await repo.git('switch', '-q', 'main');
  const merged = await repo.gitResult('merge', '--no-ff', '-m', "Merge branch 'feature/ingress'", 'feature/ingress');
  assert.is(merged.code, 0, merged.stderr);
  assert.match(merged.stdout + merged.stderr, 'released v1.0.0', 'post-merge runs with verbose output');
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
});

test('pre-push judges the ref pre-commit names: a --no-verify commit on main stays local; the release goes out', async () => {
  assert.is((await repo.gitResult('push', '-q', 'origin', 'main')).code, 0, 'the first push of main is an import');
  await repo.git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'fix: hotfix straight on main');
  const local = await repo.sha();
  const pushed = await repo.gitResult('push', 'origin', 'main');
  assert.is(pushed.code, 1);
  assert.match(pushed.stdout + pushed.stderr, 'Pushing 1 commit made directly on main is not allowed');
  assert.is.not(await remoteSha(repo, 'refs/heads/main'), local);
  await repo.git('reset', '-q', '--hard', 'origin/main');
  await repo.mergeFeature('feature/a', 'feat: a');
  const release = await repo.gitResult('push', '--atomic', 'origin', 'main', 'v1.0.0');
  assert.is(release.code, 0, release.stdout + release.stderr);
  assert.is(await remoteSha(repo, 'refs/heads/main'), await repo.sha());
});

test("--uninstall gives the user's config back byte for byte", async () => {
  const r = await repo.trunkInit(['--uninstall']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /update\s+\.pre-commit-config\.yaml \(trunk-init's hooks taken out\)/);
  assert.is(repo.read('.pre-commit-config.yaml'), CONFIG);
});

test.run();

const manifest = suite('.pre-commit-hooks.yaml');

manifest('is a valid manifest for the real pre-commit', async () => {
  const r = await run('pre-commit', ['validate-manifest', join(PROJECT, '.pre-commit-hooks.yaml')], { cwd: PROJECT });
  assert.is(r.code, 0, r.stdout + r.stderr);
});

manifest(
  'its entries, run by the real pre-commit as installed (trunk on PATH, the commitlint preset in the hook environment), in a repository without node_modules',
  async () => {
    const hooks = parse(readFileSync(join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    // What pre-commit's node environment gives an installed hook repository, without the npm install (no network):
    // trunk-init's bins on PATH, and its additional_dependencies in the environment's global node_modules.
    const env = tempDir('node-env');
    mkdirSync(join(env, 'bin'));
    mkdirSync(join(env, 'lib/node_modules/@commitlint'), { recursive: true });
    // npm links the bin and makes it executable; the bundle itself is not.
    writeFileSync(
      join(env, 'bin/trunk'),
      `#!/bin/sh\nexec node ${JSON.stringify(join(PROJECT, 'dist/trunk.mjs'))} "$@"\n`,
      { mode: 0o755 },
    );
    symlinkSync(
      join(PROJECT, 'node_modules/@commitlint/config-conventional'),
      join(env, 'lib/node_modules/@commitlint/config-conventional'),
    );
    // Outside the test scratch directory, whose node_modules would resolve the preset for any repository under it.
    const dir = mkdtempSync(join(tmpdir(), 'trunk-test-hook-repo-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const repo = new Repo(dir, { PATH: `${join(env, 'bin')}:${process.env.PATH}`, npm_config_prefix: env });
    await repo.git('init', '-q', '--initial-branch=main');
    for (const [key, value] of [
      ['user.name', 'Test'],
      ['user.email', 'test@example.com'],
      ['commit.gpgSign', 'false'],
    ])
      await repo.git('config', key, value);
    repo.write('trunk.config.json', readFileSync(join(PROJECT, 'templates/trunk.config.json'), 'utf8'));
    repo.write('.commitlintrc.json', readFileSync(join(PROJECT, 'templates/.commitlintrc.json'), 'utf8'));
    const local = hooks.map((hook) => ({ ...hook, language: 'system', additional_dependencies: undefined }));
    repo.write(
      '.pre-commit-config.yaml',
      JSON.stringify({
        default_install_hook_types: ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'],
        repos: [{ repo: 'local', hooks: local }],
      }),
    );
    const installed = await run('pre-commit', ['install'], { cwd: dir });
    assert.is(installed.code, 0, installed.stderr);
    await repo.git('add', '-A');
    const first = await repo.gitResult('commit', '-q', '-m', 'chore: bootstrap');
    assert.is(first.code, 0, first.stdout + first.stderr);
    const head = await repo.sha();
    const onMain = await repo.gitResult('commit', '--allow-empty', '-m', 'feat: on main');
    assert.is(onMain.code, 1, onMain.stdout + onMain.stderr);
    assert.match(onMain.stderr, 'Committing directly on main is not allowed');
    await repo.git('switch', '-q', '-c', 'feature/x');
    const bad = await repo.gitResult('commit', '--allow-empty', '-m', 'no type');
    assert.is(bad.code, 1);
    assert.match(bad.stderr, 'type may not be empty (type-empty)', 'the preset resolved from the hook environment');
    assert.is(await repo.sha(), head);
    assert.is((await repo.gitResult('commit', '--allow-empty', '-m', 'feat: x')).code, 0);
  },
);

manifest.run();
