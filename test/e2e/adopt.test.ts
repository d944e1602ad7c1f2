// Adopting trunk-init in a repository that already has hooks: every hook it had still runs (chained from .husky/,
// with git's arguments and stdin), the user's lines in .husky/ files stay, `trunk doctor` tells what git runs, and
// `--uninstall` puts the repository back byte for byte.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, run, tempDir, type Repo, addOrigin } from '../helpers/repo.js';

const test = suite('adopting trunk-init in an existing repository');

/** A repository with history on main, as a team has it before trunk-init. */
async function existing(): Promise<Repo> {
  const repo = await initRepo();
  repo.write('apps/web.yaml', 'replicas: 1\n');
  await repo.git('add', '.');
  await repo.git('commit', '-q', '-m', 'chore: initial manifests');
  return repo;
}

/** A hook of the clone's own in .git/hooks, executable. */
function ownHook(repo: Repo, name: string, body: string): void {
  repo.write(`.git/hooks/${name}`, `#!/bin/sh\n${body}\n`);
  chmodSync(join(repo.dir, '.git/hooks', name), 0o755);
}

/** Every file of the work tree and .git/hooks (node_modules and git's own state aside), and the local git config. */
async function snapshot(repo: Repo): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(repo.dir, path);
      if (
        entry.isSymbolicLink() ||
        rel === 'node_modules' ||
        (rel.startsWith('.git/') && !rel.startsWith('.git/hooks')) ||
        rel === '.git/hooks/../'
      )
        continue;
      if (entry.isDirectory()) walk(path);
      else files[rel] = `${(statSync(path).mode & 0o777).toString(8)} ${readFileSync(path, 'latin1')}`;
    }
  };
  walk(repo.dir);
  files['git config'] =
    (await repo.git('config', '--local', '--list'))
      .split('\n')
      .filter((l) => !l.startsWith('core.'))
      .join('\n') + `\nhooksPath=${(await repo.gitResult('config', 'core.hooksPath')).stdout.trim()}`;
  return files;
}

test('a hand-written .git/hooks/pre-commit still runs, first, and its failure stops the commit', async () => {
  const repo = await existing();
  ownHook(
    repo,
    'pre-commit',
    'echo "own pre-commit ran" >> own.log\n[ ! -f block ] || { echo "blocked by my hook" >&2; exit 3; }',
  );
  const init = await repo.trunkInit();
  assert.is(init.code, 0, init.stderr);
  assert.match(
    init.stderr,
    "chain     .husky/pre-commit runs this clone's .git/hooks/pre-commit (a hook of your own) first",
  );
  await repo.git('switch', '-q', '-c', 'feature/a');
  assert.is((await repo.commit('feat: a change')).code, 0);
  assert.is(repo.read('own.log'), 'own pre-commit ran\n');
  repo.write('block', '');
  const blocked = await repo.commit('feat: another');
  assert.is(blocked.code, 1, blocked.stderr);
  assert.match(blocked.stderr, 'blocked by my hook');
  assert.match(blocked.stderr, '.git/hooks/pre-commit failed (exit 3)');
  // trunk's own check runs too: a commit on main is refused, after the user's hook ran.
  await repo.git('switch', '-q', 'main');
  const onMain = await repo.commit('feat: on main');
  assert.is(onMain.code, 1);
  assert.match(onMain.stderr, 'blocked by my hook');
});

test('pre-push: the clone’s hook and trunk both read all of git’s stdin; trunk still refuses a direct push to main', async () => {
  const repo = await existing();
  const remote = await addOrigin(repo);
  await repo.git('push', '-q', 'origin', 'main');
  ownHook(repo, 'pre-push', 'cat >> pushed.log; echo "args: $*" >> pushed.log');
  assert.is((await repo.trunkInit()).code, 0);
  await repo.git('add', '-A');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'chore: adopt trunk-init');
  const head = await repo.sha();
  const push = await repo.gitResult('push', 'origin', 'main');
  assert.is(push.code, 1, push.stderr);
  assert.match(push.stderr, 'made directly on main is not allowed'); // trunk's refusal, after the clone's hook ran
  assert.is(
    repo.read('pushed.log'),
    `refs/heads/main ${head} refs/heads/main ${(await run('git', ['rev-parse', 'main'], { cwd: remote })).stdout.trim()}\nargs: origin ${remote}\n`,
  );
});

test('git-lfs: its pre-push still uploads the objects, its post-checkout and post-commit still run', async () => {
  const lfs = await run('git', ['lfs', 'version'], { cwd: tempDir() });
  assert.is(lfs.code, 0, 'git-lfs is installed (.ci/run installs it)');
  const repo = await existing();
  const remote = await addOrigin(repo);
  await repo.git('lfs', 'install', '--local');
  await repo.git('push', '-q', 'origin', 'main');
  const init = await repo.trunkInit();
  assert.is(init.code, 0, init.stderr);
  for (const hook of ['post-checkout', 'post-commit', 'post-merge', 'pre-push'])
    assert.match(init.stderr, `runs this clone's .git/hooks/${hook} (git-lfs) first`);
  await repo.git('switch', '-q', '-c', 'feature/lfs');
  await repo.git('lfs', 'track', '*.bin');
  repo.write('model.bin', 'large object\n');
  await repo.git('add', 'model.bin', '.gitattributes');
  assert.is((await repo.gitResult('commit', '-q', '-m', 'feat: a model')).code, 0);
  const push = await repo.gitResult('push', '-q', 'origin', 'feature/lfs');
  assert.is(push.code, 0, push.stderr);
  const oid = (await repo.git('lfs', 'ls-files', '--long')).split(' ')[0];
  assert.ok(
    existsSync(join(remote, 'lfs/objects', oid.slice(0, 2), oid.slice(2, 4), oid)),
    'the LFS object reached the remote',
  );
  const doctor = await repo.trunk(['doctor']);
  assert.match(doctor.stderr, '✔ .git/hooks/post-checkout (git-lfs) runs from .husky/post-checkout');
});

test("a user's husky file gets trunk's block: both run, and nothing of theirs is deleted, with or without --force", async () => {
  const repo = await existing();
  const mine = '#!/bin/sh\necho "lint-staged ran" >> lint.log\n';
  repo.write('.husky/pre-commit', mine);
  assert.is((await repo.trunkInit()).code, 0);
  await repo.trunkInit(['--no-install', '--force']);
  assert.match(
    repo.read('.husky/pre-commit'),
    /^#!\/bin\/sh\n# >>> trunk-init pre-commit:[^]*\n# <<< trunk-init pre-commit\necho "lint-staged ran" >> lint.log\n$/,
  );
  const onMain = await repo.commit('feat: on main');
  assert.is(onMain.code, 1, 'the branch policy runs from the user’s file');
  assert.ok(!existsSync(join(repo.dir, 'lint.log')), 'trunk refused first; the user’s command did not run');
  await repo.git('switch', '-q', '-c', 'feature/b');
  assert.is((await repo.commit('feat: b')).code, 0);
  assert.is(repo.read('lint.log'), 'lint-staged ran\n');
});

test('a line the user appended to trunk’s hook file survives another trunk-init, and so does one in a first-version shim', async () => {
  const repo = await existing();
  assert.is((await repo.trunkInit()).code, 0);
  repo.write('.husky/pre-commit', `${repo.read('.husky/pre-commit')}npx lint-staged\n`);
  // A shim as the first trunk-init versions wrote it, with a user's line appended.
  const firstVersion =
    '#!/bin/sh\n# trunk-init shim: pre-push. Managed by trunk-init (`npx trunk-init --force` rewrites it).\nlib=node_modules/trunk-init/hooks/lib.sh\n# A linked worktree (git worktree add) has no node_modules of its own: use the main work tree\'s.\n[ -f "$lib" ] || lib="$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../$lib"\n[ -f "$lib" ] || { echo "trunk: node_modules/trunk-init/hooks/lib.sh is missing, so the pre-push check cannot run. Fix: npm install" >&2; exit 2; }\n. "$lib"\ntrunk_hook pre-push "$@"\ngit lfs pre-push "$@"\n';
  repo.write('.husky/pre-push', firstVersion);
  assert.is((await repo.trunkInit(['--no-install', '--force'])).code, 0);
  assert.match(repo.read('.husky/pre-commit'), /# <<< trunk-init pre-commit\nnpx lint-staged\n$/);
  assert.match(
    repo.read('.husky/pre-push'),
    /^#!\/bin\/sh\n# >>> trunk-init pre-push:[^]*# <<< trunk-init pre-push\ngit lfs pre-push "\$@"\n$/,
  );
  assert.not.match(repo.read('.husky/pre-push'), 'trunk_hook pre-push');
});

test('trunk doctor names a hook git no longer runs, and stops naming it once trunk-init chains it', async () => {
  const repo = await existing();
  assert.is((await repo.trunkInit()).code, 0);
  ownHook(repo, 'prepare-commit-msg', 'true');
  const before = await repo.trunk(['doctor']);
  assert.is(before.code, 1);
  assert.match(
    before.stderr,
    '✖ git does not run .git/hooks/prepare-commit-msg (a hook of your own): core.hooksPath is ".husky/_"\n  fix: npx trunk-init   (runs it from .husky/prepare-commit-msg)',
  );
  assert.is((await repo.trunkInit()).code, 0);
  const after = await repo.trunk(['doctor']);
  assert.match(
    after.stderr,
    '✔ .git/hooks/prepare-commit-msg (a hook of your own) runs from .husky/prepare-commit-msg',
  );
  repo.write('.husky/commit-msg', '#!/bin/sh\nnpx --no -- commitlint --edit "$1"\n');
  const foreign = await repo.trunk(['doctor']);
  assert.match(
    foreign.stderr,
    '✖ .husky/commit-msg does not run the commit-msg check\n  fix: npx trunk-init   (adds its block to .husky/commit-msg; every line of yours stays)',
  );
});

test('a hook husky does not dispatch (reference-transaction) is dispatched and chained, with its stdin', async () => {
  const repo = await existing();
  ownHook(repo, 'reference-transaction', 'cat >> transactions.log');
  const init = await repo.trunkInit();
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stderr, '.husky/_/reference-transaction added: husky does not dispatch reference-transaction');
  await repo.git('switch', '-q', '-c', 'feature/c');
  assert.match(repo.read('transactions.log'), /refs\/heads\/feature\/c/);
});

test('--uninstall puts the repository back byte for byte: hook files, .git/hooks, core.hooksPath, package.json, lines', async () => {
  const repo = await existing();
  ownHook(repo, 'pre-commit', 'echo "own pre-commit ran" >> own.log');
  repo.write('.gitignore', 'dist\n');
  repo.write('package.json', '{ "name": "gitops", "scripts": { "lint": "yamllint ." } }\n');
  const before = await snapshot(repo);
  assert.is((await repo.trunkInit()).code, 0);
  assert.is(await repo.git('config', 'core.hooksPath'), '.husky/_');
  const dry = await repo.trunkInit(['--uninstall', '--dry-run']);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /remove\s+\.husky\/pre-commit/);
  assert.match(dry.stderr, /update\s+package\.json \(as it was before trunk-init\)/);
  assert.is(await repo.git('config', 'core.hooksPath'), '.husky/_', '--dry-run changes nothing');
  const r = await repo.trunkInit(['--uninstall', '--purge']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(await snapshot(repo), before);
  assert.not.ok(existsSync(join(repo.dir, '.git/trunk-init')), "trunk's caches in the git dir go too");
  // git runs the clone's own hook again.
  assert.is((await repo.commit('anything')).code, 0);
  assert.is(repo.read('own.log'), 'own pre-commit ran\n');
});

test('--uninstall keeps what the user wrote since: their lines in .husky files, their package.json edits, husky', async () => {
  const repo = await existing();
  repo.write('.husky/pre-commit', '#!/bin/sh\nnpx lint-staged\n');
  assert.is((await repo.trunkInit()).code, 0);
  const pkg = JSON.parse(repo.read('package.json'));
  pkg.scripts.lint = 'yamllint .';
  repo.write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  const r = await repo.trunkInit(['--uninstall']);
  assert.is(r.code, 0, r.stderr);
  assert.is(repo.read('.husky/pre-commit'), '#!/bin/sh\nnpx lint-staged\n');
  assert.ok(!existsSync(join(repo.dir, '.husky/pre-push')));
  assert.is(await repo.git('config', 'core.hooksPath'), '.husky/_', 'husky still runs the user’s pre-commit');
  assert.match(r.stderr, 'core.hooksPath stays .husky/_: husky still runs .husky/pre-commit');
  const after = JSON.parse(repo.read('package.json'));
  assert.is(after.scripts.lint, 'yamllint .');
  assert.is(after.devDependencies['trunk-init'], undefined);
  assert.ok(existsSync(join(repo.dir, 'trunk.config.json')), 'configs stay without --purge');
});

test('--uninstall --purge removes a config edited since only when git holds it; an uncommitted edit is kept', async () => {
  const repo = await existing();
  assert.is((await repo.trunkInit()).code, 0);
  repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"tag"', '"notes"'));
  await repo.git('add', '-A');
  await repo.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', 'chore: adopt trunk-init');
  repo.write('.commitlintrc.json', '{ "extends": ["@commitlint/config-conventional"], "rules": {} }\n');
  const r = await repo.trunkInit(['--uninstall', '--purge']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(repo.dir, 'trunk.config.json')), 'committed: git still has it');
  assert.is(repo.read('.commitlintrc.json'), '{ "extends": ["@commitlint/config-conventional"], "rules": {} }\n');
  assert.match(r.stderr, '.commitlintrc.json: changed since trunk-init wrote it and not committed; kept');
});

test.run();
