// Attacks on the server hook by someone with push access who knows git plumbing. Every attack runs against a real
// bare repository with `trunk server install`, pushes with the client hooks skipped, and must end in git's
// `! [remote rejected]` with every server ref exactly as before. docs/security.md lists each with its test.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, run, tempDir, type Repo } from '../helpers/repo.js';
import { hookedServer, installHook } from '../helpers/server.js';

const test = suite('attacks on the pre-receive hook');
let repo: Repo;
let server: string;

const serverGit = (...args: string[]) => run('git', args, { cwd: server });
/** Every ref of the server with its sha: a rejected push must leave it exactly so. */
const serverRefs = async () => (await serverGit('for-each-ref', '--format=%(refname) %(objectname)')).stdout;
/** Pushes to origin with the client hooks skipped, as --no-verify, HUSKY=0 or a GUI client would. */
const push = (...args: string[]) => repo.gitResult('push', '--no-verify', 'origin', ...args);

/**
 * A commit made with plumbing: `files` changed on top of `base`'s tree (null deletes; `{ link }` makes a symlink),
 * with the given parents.
 */
async function forge(
  message: string,
  parents: string[],
  files: Record<string, string | null | { link: string }> = {},
  base = parents[0] ?? 'main',
): Promise<string> {
  const index = join(tempDir('index'), 'index');
  const env = { GIT_INDEX_FILE: index };
  const git = async (args: string[], input?: string) => {
    const r = await run('git', args, { cwd: repo.dir, env: { ...repo.env, ...env }, input });
    if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  await git(['read-tree', base]);
  for (const [path, content] of Object.entries(files)) {
    if (content === null) await git(['update-index', '--force-remove', path]);
    else {
      const [mode, data] = typeof content === 'string' ? ['100644', content] : ['120000', content.link];
      await git([
        'update-index',
        '--add',
        '--cacheinfo',
        `${mode},${await git(['hash-object', '-w', '--stdin'], data)},${path}`,
      ]);
    }
  }
  const tree = await git(['write-tree']);
  return git(['commit-tree', tree, '-m', message, ...parents.flatMap((p) => ['-p', p])]);
}

const releaseMessage = (tag: string) => `chore(release): ${tag}\n\nTrunk-Release: ${tag}`;

/** The push is rejected by the hook, says `expected`, and changes nothing on the server. */
async function refused(expected: string, ...args: string[]) {
  const before = await serverRefs();
  const r = await push(...args);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, '! [remote rejected]');
  assert.match(r.stderr, '(pre-receive hook declined)');
  assert.match(r.stderr, expected);
  assert.is(await serverRefs(), before);
}

test.before(async () => {
  const hooked = await hookedServer();
  ({ repo, server } = hooked);
  // A plain `git init --bare` names master in HEAD: install must point it at the trunk, or judge by nothing.
  assert.match(hooked.installed, 'HEAD named refs/heads/master, which does not exist; it now names refs/heads/main');
  assert.is((await serverGit('symbolic-ref', 'HEAD')).stdout.trim(), 'refs/heads/main');
  // What an honest team does: a feature branch, its merge, the release the post-merge hook cuts, one atomic push.
  assert.is((await repo.mergeFeature('feature/a', 'feat: add the api')).code, 0);
  assert.is(await repo.git('tag', '--points-at', 'HEAD'), 'v1.0.0');
  const honest = await push('--atomic', 'main', 'v1.0.0', 'feature/a');
  assert.is(honest.code, 0, honest.stderr);
});

test('a force-push of a root commit onto main', async () => {
  await refused(
    'Rewriting main on origin is not allowed',
    '--force',
    `${await forge('feat: a fresh start', [])}:refs/heads/main`,
  );
});

test('a fast-forward to a hand-made merge whose first parent is a root commit and second the old main', async () => {
  const root = await forge('feat: a fresh start', []);
  const merge = await forge("Merge branch 'feature/a'", [root, 'main']);
  await refused('The new main does not build on the old one', `${merge}:refs/heads/main`);
});

test('a force-push back to an older commit (a rewind)', async () => {
  await refused('Rewriting main on origin is not allowed', '--force', 'main~1:refs/heads/main');
});

test('deleting main', async () => {
  await refused('Deleting main on origin is not allowed', '--delete', 'main');
});

test('a "merge" whose second parent is already on the trunk (nothing merged)', async () => {
  const merge = await forge("Merge branch 'feature/a'", ['main', 'main~1']);
  await refused('a merge that brings in nothing new', `${merge}:refs/heads/main`);
});

test('an octopus of trunk commits', async () => {
  const merge = await forge("Merge branches 'feature/a' and 'feature/b'", ['main', 'main~1', 'main~2']);
  await refused('a merge that brings in nothing new', `${merge}:refs/heads/main`);
});

test('a merge of a branch outside "branches"', async () => {
  const side = await forge('feat: sneaked in', ['main']);
  await refused(`merges "wip"`, `${await forge("Merge branch 'wip'", ['main', side])}:refs/heads/main`);
  await refused(
    'of no branch matching "feature/*"',
    `${await forge('Merge the good stuff', ['main', side])}:refs/heads/main`,
  );
});

test('a forged release commit that rewrites the policy, with its tag in the same push', async () => {
  const forged = await forge(releaseMessage('v1.0.1'), ['main'], {
    'trunk.config.json': JSON.stringify({ protectTrunk: false, branches: ['**'] }),
  });
  await refused(
    'claims to be release v1.0.1, but changes trunk.config.json',
    '--atomic',
    `${forged}:refs/heads/main`,
    `${forged}:refs/tags/v1.0.1`,
  );
});

test('forged release commits that change any other file: each config file, the hooks, the workload', async () => {
  const files = [
    '.trunkrc.json',
    '.trunkrc',
    'package.json',
    '.commitlintrc.json',
    '.husky/pre-push',
    'deploy/overlays/prod/kustomization.yaml',
  ];
  for (const file of files) {
    const forged = await forge(releaseMessage('v1.0.1'), ['main'], {
      'CHANGELOG.md': '# Changelog\n',
      [file]: '{"protectTrunk": false}\n',
    });
    await refused(`but changes ${file}`, '--atomic', `${forged}:refs/heads/main`, `${forged}:refs/tags/v1.0.1`);
  }
});

test('a forged release commit laundered through a feature branch pushed with it', async () => {
  const forged = await forge(releaseMessage('v1.0.1'), ['main'], {
    'trunk.config.json': JSON.stringify({ protectTrunk: false, branches: ['**'] }),
  });
  await refused(
    'claims to be release v1.0.1, but changes trunk.config.json',
    '--atomic',
    `${forged}:refs/heads/feature/rel`,
    `${forged}:refs/heads/main`,
    `${forged}:refs/tags/v1.0.1`,
  );
});

test('tags named like the trunk, HEAD or a full ref', async () => {
  const orphan = await forge('feat: orphan', []);
  for (const name of ['main', 'HEAD', 'refs/heads/main'])
    await refused(`Tag ${name} may not be created`, `${orphan}:refs/tags/${name}`);
});

test('a release commit that turns the changelog into a symlink', async () => {
  const forged = await forge(releaseMessage('v1.0.1'), ['main'], { 'CHANGELOG.md': { link: '/etc/passwd' } });
  await refused(
    'but changes CHANGELOG.md (as mode 120000)',
    '--atomic',
    `${forged}:refs/heads/main`,
    `${forged}:refs/tags/v1.0.1`,
  );
});

test('a release commit that names any tag, or whose tag does not come with it', async () => {
  const latest = await forge(releaseMessage('latest'), ['main'], { 'CHANGELOG.md': '# Changelog\n' });
  await refused(
    'names latest, not a vX.Y.Z version',
    '--atomic',
    `${latest}:refs/heads/main`,
    `${latest}:refs/tags/latest`,
  );
  const untagged = await forge(releaseMessage('v1.0.1'), ['main'], { 'CHANGELOG.md': '# Changelog\n' });
  await refused('its tag v1.0.1 is neither pushed with it nor on it', `${untagged}:refs/heads/main`);
});

test('a release commit whose version is not greater than the last release', async () => {
  const old = await forge(releaseMessage('v0.9.0'), ['main'], { 'CHANGELOG.md': '# Changelog\n' });
  await refused(
    'Release tag v0.9.0 is not newer than v1.0.0',
    '--atomic',
    `${old}:refs/heads/main`,
    `${old}:refs/tags/v0.9.0`,
  );
});

test("a message holding git log's record separators cannot forge the history it is judged by", async () => {
  const old = await repo.sha('main');
  // A root commit that loosens the policy, dated after J so that a log would list it first...
  const root = await forge('feat: a fresh start', [], {
    'trunk.config.json': JSON.stringify({ protectTrunk: false, branches: ['**'] }),
  });
  // ...and J, whose message ends the record and forges one that gives the root the old main as its parent.
  const j = await forge(`feat: j\x1e${root}\x1f${old}\x1ffeat: fake\n`, ['main']);
  const merge = await forge("Merge branch 'feature/x'", [root, j]);
  await refused(
    'The new main does not build on the old one',
    '--atomic',
    `${merge}:refs/heads/main`,
    `${merge}:refs/heads/feature/x`,
  );
  await refused('holds a control character', `${j}:refs/heads/feature/j`);
  await refused(
    'holds a control character',
    `${await forge('feat: ok\x1fwip garbage NOT CONVENTIONAL', ['main'])}:refs/heads/feature/w`,
  );
});

test('a commitlint config that names a file to load, or a config the server cannot read, never reaches main', async () => {
  const dir = tempDir('payload');
  const marker = join(dir, 'PWNED');
  const evil = join(dir, 'evil.js');
  writeFileSync(
    evil,
    `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { rules: {} };\n`,
  );
  const cases: [string, string, string][] = [
    ['.commitlintrc.json', JSON.stringify({ extends: [evil] }), `"extends" names "${evil}", which is not a package`],
    [
      '.commitlintrc.json',
      JSON.stringify({ extends: ['@commitlint/config-conventional'], plugins: ['../../evil'] }),
      '"plugins" names "../../evil"',
    ],
    [
      'trunk.config.json',
      '{ "protectTrunk": ',
      'trunk.config.json:1:19 is not valid JSON: expected a value, found the end of the file',
    ],
    ['trunk.config.mjs', 'export default {}\n', 'only JSON configuration is read'],
    [
      'trunk.config.json',
      JSON.stringify({ trunk: 'feature/cfg' }),
      'names "feature/cfg" as the trunk, but the server\'s trunk (its HEAD) is main',
    ],
  ];
  for (const [file, content, expected] of cases) {
    const change = await forge('chore: configure', ['main'], {
      [file]: content,
      ...(file === 'trunk.config.mjs' ? { 'trunk.config.json': null } : {}),
    });
    await refused(
      `The push would leave main with a configuration the server cannot judge by`,
      '--atomic',
      `${change}:refs/heads/feature/cfg`,
      `${change}:refs/heads/main`,
    );
    const r = await push('--atomic', `${change}:refs/heads/feature/cfg`, `${change}:refs/heads/main`);
    assert.match(r.stderr, expected);
  }
  assert.not.ok(existsSync(marker), 'no file named by a committed config ran on the server');
});

test('refs outside refs/heads and refs/tags, in every namespace', async () => {
  const parked = await forge('fix: straight to production', ['main']);
  for (const ref of [
    'refs/notes/commits',
    'refs/pull/1/head',
    'refs/meta/config',
    'refs/remotes/x/main',
    'refs/changes/01/1/1',
    'refs/for/main',
    'refs/keep-around/x',
  ])
    await refused(`${ref} may not be created or updated`, `${parked}:${ref}`);
});

test('a commit parked under a free tag is judged when main moves to it', async () => {
  const parked = await forge('fix: straight to production', ['main']);
  assert.is((await push(`${parked}:refs/tags/parked`)).code, 0);
  await refused('made directly on main is not allowed', `${parked}:refs/heads/main`);
});

test('a ref the server holds under refs/remotes never counts as the trunk', async () => {
  const offTrunk = await forge('feat: off the trunk', ['main']);
  assert.is((await push(`${offTrunk}:refs/heads/feature/off`)).code, 0);
  await serverGit('update-ref', 'refs/remotes/x/main', offTrunk);
  await refused('Release tag v2.0.0 points at', `${offTrunk}:refs/tags/v2.0.0`);
});

test('tags Argo CD or Flux read as versions, in every spelling, on an orphan commit', async () => {
  const orphan = await forge('feat: orphan', []);
  for (const tag of ['99.0.0', 'V99.0.0', 'v99.0', 'v99', '1.0.0-rc.01', 'v1.1.0-rc.01', '2024.01.15', '99.0.0+build'])
    await refused(
      `Tag ${tag} looks like a release but is not "v" followed by a semver version`,
      `${orphan}:refs/tags/${tag}`,
    );
  await refused('Release tag v99.0.0 points at', `${orphan}:refs/tags/v99.0.0`);
});

test('a newer version on older code, a lower version on the tip', async () => {
  await refused('comes before v1.0.0 on main', 'main~1:refs/tags/v9.9.9');
  await refused('Release tag v0.0.1 is not newer than v1.0.0', 'main:refs/tags/v0.0.1');
});

test('two release tags in one push, the higher one on older code', async () => {
  await refused('Release tag v9.0.0 points at', '--atomic', 'main:refs/tags/v1.1.0', 'main~1:refs/tags/v9.0.0');
});

test('a held release tag that is a tag of a tag still counts: no higher version goes on older code', async () => {
  assert.is((await repo.mergeFeature('feature/n', 'chore: n')).code, 0); // nothing releasable: no release of its own
  const inner = await repo
    .git('tag', '-a', 'v1.1.0-inner', '-m', 'inner', 'HEAD')
    .then(() => repo.sha('refs/tags/v1.1.0-inner'));
  const outer = (
    await run('git', ['mktag'], {
      cwd: repo.dir,
      input: `object ${inner}\ntype tag\ntag v2.0.0\ntagger T <t@example.com> 1700000000 +0000\n\nnested\n`,
    })
  ).stdout.trim();
  await repo.git('tag', '-d', 'v1.1.0-inner');
  const pushed = await push('--atomic', 'main', 'feature/n', `${outer}:refs/tags/v2.0.0`);
  assert.is(pushed.code, 0, pushed.stderr);
  await refused('comes before v2.0.0 on main', 'main~1:refs/tags/v3.0.0');
});

test('moving or deleting a release tag, under any spelling of the push', async () => {
  await refused('Moving release tag v1.0.0', '--force', 'main~1:refs/tags/v1.0.0');
  await refused('Deleting release tag v1.0.0', ':refs/tags/v1.0.0');
});

test('free tags stay free: a tag neither tool reads as a version goes anywhere', async () => {
  const orphan = await forge('feat: orphan', []);
  const r = await push(`${orphan}:refs/tags/deploy-123`);
  assert.is(r.code, 0, r.stderr);
});

test('when HEAD names a branch that does not exist, every push is refused with the fix', async () => {
  await serverGit('symbolic-ref', 'HEAD', 'refs/heads/master');
  try {
    await repo.git('switch', '-q', '-c', 'feature/b');
    await repo.commit('feat: b');
    await refused("The server's HEAD names master, which does not exist here (it has feature/a", 'feature/b');
  } finally {
    await serverGit('symbolic-ref', 'HEAD', 'refs/heads/main');
    await repo.git('switch', '-q', 'main');
  }
});

test('rewrites stay refused after a reviewed merge sets protectTrunk to false', async () => {
  await repo.git('switch', '-q', '-c', 'feature/open');
  repo.write(
    'trunk.config.json',
    JSON.stringify({ ...JSON.parse(repo.read('trunk.config.json')), protectTrunk: false }, null, 2),
  );
  await repo.git('commit', '-q', '-am', 'chore: open the trunk');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/open'", 'feature/open');
  const merged = await push('--atomic', 'main', 'feature/open');
  assert.is(merged.code, 0, merged.stderr);
  const direct = await forge('fix: now allowed', ['main']);
  assert.is((await push(`${direct}:refs/heads/main`)).code, 0, 'protectTrunk: false lets direct commits through');
  await refused('Rewriting main on origin is not allowed', '--force', 'main~1:refs/heads/main');
  await refused('Deleting main on origin is not allowed', '--delete', 'main');
});

test('an empty server takes its first import of main, then judges', async () => {
  const empty = tempDir('empty.git');
  await run('git', ['init', '-q', '--bare', empty], { cwd: empty });
  await installHook(empty);
  await repo.git('tag', '1.2.3', 'main~1'); // a tag of the history before trunk-init: imported as it is
  const first = await repo.gitResult('push', '--no-verify', empty, 'main', '1.2.3');
  assert.is(first.code, 0, first.stderr);
  const direct = await repo.gitResult(
    'push',
    '--no-verify',
    empty,
    `${await forge('feat: a fresh start', [])}:refs/heads/main`,
    '--force',
  );
  assert.is(direct.code, 1);
  assert.match(direct.stderr, 'Rewriting main');
});

test('a release commit may rewrite the pointer files only to what trunk-init generates for it', async () => {
  // This test has its own repository and server (the literal model): forge() and refused() work on them from here.
  const dev = await initRepo();
  assert.is(
    (
      await dev.trunkInit([
        '--no-install',
        '--gitops',
        'flux',
        '--envs',
        '3',
        '--prod',
        'previous',
        '--repo-url',
        'https://github.com/acme/shop.git',
      ])
    ).code,
    0,
  );
  const bare = tempDir('literal.git');
  repo = dev;
  server = bare;
  await run('git', ['init', '-q', '--bare', bare], { cwd: bare });
  await dev.git('remote', 'add', 'origin', bare);
  await dev.git('push', '-q', '-u', 'origin', 'main');
  await installHook(bare);
  const release = async (name: string, expected: string) =>
    assert.match((await dev.mergeFeature(name, `feat: ${name}`)).stderr, expected);
  await release('feature/a', 'released v1.0.0');
  assert.is((await dev.gitResult('push', '--no-verify', '--atomic', 'origin', 'main', 'v1.0.0', 'feature/a')).code, 0);
  await release('feature/b', 'prod now runs v1.0.0');
  const pointer = (await dev.git('show', '--name-only', '--format=', 'HEAD'))
    .split('\n')
    .find((p) => p.startsWith('gitops/'))!;
  // The same release, but prod's pointer sends Flux to another repository.
  const honest = await dev.sha();
  const forged = await forge(releaseMessage('v1.1.0'), ['HEAD~1'], {
    'CHANGELOG.md': dev.read('CHANGELOG.md'),
    [pointer]: dev.read(pointer).replace('https://github.com/acme/shop.git', 'https://github.com/evil/shop.git'),
  });
  await refused(
    `writes ${pointer} with content trunk-init would not generate for v1.1.0`,
    '--atomic',
    `${forged}:refs/heads/main`,
    `${forged}:refs/tags/v1.1.0`,
    'feature/b',
  );
  const ok = await dev.gitResult('push', '--no-verify', '--atomic', 'origin', 'main', 'v1.1.0', 'feature/b');
  assert.is(ok.code, 0, ok.stderr);
  assert.is((await run('git', ['rev-parse', 'main'], { cwd: bare })).stdout.trim(), honest);
});

test.run();
