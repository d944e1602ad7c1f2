// The files trunk-init writes or deletes: never through a symlink (a pull request can commit one pointing outside
// the repository), never a file it cannot prove it wrote, and nothing a killed release leaves blocks the next one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, makeRepo, run, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('files: symlinks, leftovers of a killed release, manifests trunk-init did not write');
let repo: Repo;

/** A repository with a merged feature commit, ready for `trunk release` by hand, and `config` merged into its config. */
async function releasable(config: object = {}): Promise<Repo> {
  const r = await makeRepo();
  r.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' }, ...config }));
  await r.git('commit', '-qam', 'chore: release by hand', '--no-verify');
  assert.is((await r.mergeFeature('feature/a', 'feat: a')).code, 0);
  return r;
}

/** A file outside the repository with known content, which no command may change. */
function outsideFile(): string {
  const file = join(tempDir('outside'), 'victim.md');
  writeFileSync(file, 'not yours\n');
  return file;
}

/** Commits `path` as a symlink to `target`, as a merged pull request could. */
async function commitLink(path: string, target: string) {
  mkdirSync(join(repo.dir, path, '..'), { recursive: true });
  symlinkSync(target, join(repo.dir, path));
  await repo.git('add', path);
  await repo.git('commit', '-q', '--no-verify', '-m', `chore: link ${path}`);
}

/** `trunk release` refused with exit 2 naming `message`: no new commit, no tag, `outside` unchanged. */
async function assertRefused(message: string, outside: string | null) {
  const head = await repo.sha();
  const r = await repo.trunk(['release']);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, 'fix: ');
  assert.is(await repo.sha(), head, 'no release commit');
  assert.is(await repo.git('tag', '--list'), '', 'no tag');
  if (outside) assert.is(readFileSync(outside, 'utf8'), 'not yours\n', 'the file outside is unchanged');
}

test('a CHANGELOG.md symlinked to a file outside the repository: the release refuses and writes nothing', async () => {
  repo = await releasable();
  const outside = outsideFile();
  await commitLink('CHANGELOG.md', outside);
  await assertRefused('CHANGELOG.md is a symlink', outside);
});

test('a changelog under a symlinked directory: refused, the directory outside is untouched', async () => {
  repo = await releasable({ changelog: { file: 'docs/CHANGELOG.md' } });
  const outside = outsideFile();
  await commitLink('docs', join(outside, '..'));
  await assertRefused('docs/CHANGELOG.md is under the symlink docs', outside);
  assert.not.ok(existsSync(join(outside, '../CHANGELOG.md')));
});

test('a symlink recorded in HEAD but checked out as a plain file (core.symlinks=false): refused', async () => {
  repo = await releasable();
  await commitLink('CHANGELOG.md', '../victim.md');
  await repo.git('config', 'core.symlinks', 'false');
  await run('rm', ['CHANGELOG.md'], { cwd: repo.dir });
  await repo.git('checkout', '--', 'CHANGELOG.md');
  assert.is(repo.read('CHANGELOG.md'), '../victim.md', 'a plain file holding the link target');
  await assertRefused('CHANGELOG.md is recorded in HEAD as a symlink', null);
});

test('a changelog.file outside the repository: refused', async () => {
  repo = await releasable({ changelog: { file: '../CHANGELOG.md' } });
  await assertRefused('../CHANGELOG.md is outside the repository', null);
  assert.not.ok(existsSync(join(repo.dir, '../CHANGELOG.md')));
});

/** A git on PATH that SIGKILLs its caller (trunk: no cleanup, no undo runs) at `step`, a shell test on git's arguments
 * after any `-c name=value`. */
async function killingGit(step: string, after: boolean): Promise<Record<string, string>> {
  const bin = tempDir('killer-bin');
  const git = (await run('sh', ['-c', 'command -v git'], { cwd: bin })).stdout.trim();
  const kill = after ? `${git} "$@"; kill -9 $PPID; exit 1` : 'kill -9 $PPID; exit 1';
  const at = `at_step() { while [ "$1" = -c ]; do shift 2; done; ${step}; }`;
  writeFileSync(join(bin, 'git'), `#!/bin/sh\n${at}\nif at_step "$@"; then ${kill}; fi\nexec ${git} "$@"\n`, {
    mode: 0o755,
  });
  return { PATH: `${bin}:${process.env.PATH}` };
}

// Every git step of a release, in order; `after`: the kill comes once git has done it.
const steps: [string, string, boolean][] = [
  ['writing the changelog blob', '[ "$1" = hash-object ]', false],
  ['making the release commit', '[ "$1" = commit-tree ]', false],
  ['moving HEAD to the release commit (before any file is written)', '[ "$1" = update-ref ]', true],
  ['staging the written changelog', '[ "$1" = update-index ] && [ -z "$GIT_INDEX_FILE" ]', false],
  ['creating the tag', '[ "$1" = tag ] && [ "$2" = -a ]', false],
];

for (const existing of [false, true])
  for (const [name, step, after] of steps)
    test(`SIGKILL while ${name}${existing ? ', with a changelog already there' : ''}: the next release completes, clean`, async () => {
      repo = await releasable();
      if (existing) {
        repo.write('CHANGELOG.md', '# Changelog\n\n## 0.9.0\n\n* older notes\n');
        await repo.git('add', 'CHANGELOG.md');
        await repo.git('commit', '-q', '-m', 'docs: the changelog so far', '--no-verify');
      }
      const killed = await repo.trunk(['release'], { env: await killingGit(step, after) });
      assert.is.not(killed.code, 0, 'the release was killed');
      assert.is(await repo.git('tag', '--list'), '', 'killed before its tag');
      const r = await repo.trunk(['release']);
      assert.is(r.code, 0, r.stderr);
      assert.not.match(r.stderr, 'left alone');
      assert.is(await repo.git('rev-parse', 'v1.0.0^{commit}'), await repo.sha());
      assert.is(
        (await repo.git('log', '--format=%s')).split('\n').filter((s) => s === 'chore(release): v1.0.0').length,
        1,
        'one release commit',
      );
      assert.is(await repo.git('show', '--name-only', '--format=', 'HEAD'), 'CHANGELOG.md');
      assert.is(repo.read('CHANGELOG.md').match(/^## 1\.0\.0 /gm)?.length, 1);
      if (existing) assert.match(repo.read('CHANGELOG.md'), '## 0.9.0\n\n* older notes\n');
      assert.is(await repo.git('status', '--porcelain'), '', 'nothing left over');
      assert.not.ok(existsSync(join(repo.dir, '.git/trunk-init/release.lock')));
    });

test('a killed release whose changelog was edited afterwards: completed, and the edit is left alone and named', async () => {
  repo = await releasable();
  await repo.trunk(['release'], {
    env: await killingGit('[ "$1" = update-index ] && [ -z "$GIT_INDEX_FILE" ]', false),
  });
  const edited = `${repo.read('CHANGELOG.md')}* a line of mine\n`;
  repo.write('CHANGELOG.md', edited);
  const r = await repo.trunk(['release']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, 'completed the interrupted release v1.0.0');
  assert.match(r.stderr, 'left alone: CHANGELOG.md (changed since the interrupted release');
  assert.is(repo.read('CHANGELOG.md'), edited);
  assert.is(await repo.git('rev-parse', 'v1.0.0^{commit}'), await repo.sha());
});

for (const [name, step, after] of steps.slice(2, 4))
  test(`SIGKILL while ${name}, in a release that also rewrites prod's pointer: the next release completes, clean`, async () => {
    repo = await initRepo();
    assert.is(
      (
        await repo.trunkInit([
          '--no-install',
          '--gitops',
          'flux',
          '--envs',
          '3',
          '--prod',
          'previous',
          '--repo-url',
          'https://github.com/acme/shop-deploy.git',
        ])
      ).code,
      0,
    );
    repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"onMerge": "tag"', '"onMerge": "off"'));
    await repo.git('commit', '-qam', 'chore: release by hand', '--no-verify');
    await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
    assert.is((await repo.mergeFeature('feature/b', 'feat: b')).code, 0);
    const prod = `gitops/flux/prod/${repo.dir.split('/').pop()!.toLowerCase()}.yaml`;
    assert.not.ok(existsSync(join(repo.dir, prod)), 'prod has no pointer before the second release');
    assert.is.not((await repo.trunk(['release'], { env: await killingGit(step, after) })).code, 0);
    const r = await repo.trunk(['release']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, 'completed the interrupted release v1.1.0');
    assert.equal((await repo.git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort(), [
      'CHANGELOG.md',
      prod,
    ]);
    assert.is(repo.read(prod), await repo.git('show', `HEAD:${prod}`).then((t) => `${t}\n`));
    assert.is(await repo.git('status', '--porcelain'), '', 'nothing left over');
    assert.is((await repo.trunk(['env', 'manifests', '--check'])).code, 0);
  });

/** A repository set up by trunk-init with Flux manifests for dev, qa and prod, committed; `dev` is then removed from its config. */
async function withoutDev(): Promise<{ app: string; dev: string }> {
  repo = await initRepo();
  const init = await repo.trunkInit([
    '--no-install',
    '--gitops',
    'flux',
    '--envs',
    '3',
    '--repo-url',
    'https://github.com/acme/shop-deploy.git',
  ]);
  assert.is(init.code, 0, init.stderr);
  assert.is(await repo.git('status', '--porcelain'), '', 'trunk-init committed the manifests');
  const app = repo.dir.split('/').pop()!.toLowerCase();
  const config = JSON.parse(repo.read('trunk.config.json'));
  config.environments = config.environments.filter((e: { name: string }) => e.name !== 'dev');
  config.environments[0].track = { kind: 'branch' };
  repo.write('trunk.config.json', JSON.stringify(config, null, 2));
  return { app, dev: `gitops/flux/dev/${app}.yaml` };
}

test('generated manifests carry the sha256 of their other bytes, and the same config gives the same bytes', async () => {
  const { dev } = await withoutDev();
  const text = repo.read(dev);
  const [first, second, ...rest] = text.split('\n');
  assert.match(first, /^# Generated by trunk-init from trunk\.config\.json/);
  const hash = /^# sha256:([0-9a-f]{64})$/.exec(second)?.[1];
  assert.ok(hash, second);
  assert.is(
    createHash('sha256')
      .update([first, ...rest].join('\n'))
      .digest('hex'),
    hash,
  );
  const prod = repo.read(dev.replace('/dev/', '/prod/'));
  assert.is((await repo.trunk(['env', 'manifests'])).code, 0);
  assert.is(repo.read(dev.replace('/dev/', '/prod/')), prod);
});

test("manifests deletes a removed environment's file only when it wrote it and HEAD holds it unchanged", async () => {
  const { dev } = await withoutDev();
  const text = repo.read(dev);
  const r = await repo.trunk(['env', 'manifests']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, `delete    ${dev}`);
  assert.not.ok(existsSync(join(repo.dir, dev)));
  await repo.git('checkout', 'HEAD', '--', dev);
  assert.is(repo.read(dev), text, 'git gives it back');
});

// Files in the manifests directory that trunk env manifests must not delete: [name, how it got there, reason shown].
const keep: [string, (dev: string) => Promise<void>, string][] = [
  [
    'a file written by hand',
    async (dev) => repo.write(dev.replace(/[^/]+$/, 'mine.yaml'), 'mine: true\n'),
    'not generated by trunk-init',
  ],
  [
    'a hand-written file whose first line claims it is generated',
    async (dev) => repo.write(dev.replace(/[^/]+$/, 'mine.yaml'), '# Generated by trunk-init\nmine: true\n'),
    'no sha256 line',
  ],
  [
    'a generated file edited and committed',
    async (dev) => {
      repo.write(dev, repo.read(dev).replace('interval: 1m', 'interval: 5m'));
      await repo.git('commit', '-qam', 'chore: slower dev', '--no-verify');
    },
    'edited by hand',
  ],
  [
    'a generated file never committed',
    async (dev) => void (await repo.git('rm', '-q', '--cached', dev)),
    'not committed',
  ],
  [
    'a generated file with uncommitted edits to its hash line too',
    async (dev) => repo.write(dev, repo.read(dev).replace(/^# sha256:[0-9a-f]+$/m, `# sha256:${'0'.repeat(64)}`)),
    'edited by hand',
  ],
];
for (const [name, arrange, reason] of keep)
  test(`manifests leaves alone ${name}, and says so`, async () => {
    const { dev } = await withoutDev();
    await arrange(dev);
    const path = existsSync(join(repo.dir, dev.replace(/[^/]+$/, 'mine.yaml')))
      ? dev.replace(/[^/]+$/, 'mine.yaml')
      : dev;
    const before = repo.read(path);
    const r = await repo.trunk(['env', 'manifests']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, `left alone: ${path} (${reason}`);
    assert.is(repo.read(path), before);
    if (reason !== 'not generated by trunk-init') {
      assert.match(
        r.stderr,
        `${path}: no longer in trunk.config.json but left alone; if unwanted, remove and commit that yourself: rm ${path}`,
      );
      const check = await repo.trunk(['env', 'manifests', '--check']);
      assert.is(check.code, 1, 'still reported as stale by --check');
      assert.match(check.stdout, `+++ ${path} (no longer in trunk.config.json: to be deleted)`);
    }
  });

test('manifests refuses to write a pointer file that is a symlink, and the file it points at is unchanged', async () => {
  const { dev } = await withoutDev();
  const prod = dev.replace('/dev/', '/prod/');
  const outside = outsideFile();
  await run('rm', [prod], { cwd: repo.dir });
  symlinkSync(outside, join(repo.dir, prod));
  const r = await repo.trunk(['env', 'manifests']);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, `${prod} is a symlink`);
  assert.is(readFileSync(outside, 'utf8'), 'not yours\n');
  assert.ok(existsSync(join(repo.dir, dev)), 'nothing else was done either');
});

test.run();
