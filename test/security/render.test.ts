// Hostile workloads through trunk env diff, as a pull request could commit them and CI would render them: a symlink
// out of the tree (directly, or through another link), a kustomization naming a URL or a directory outside the
// repository. Each is refused before any renderer runs, naming the path, and no byte of the outside file is printed.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('rendering hostile workloads');
const SECRET = 'outside-the-repository-4f1c';

/** A repository with qa on main and prod on v1.0.0, whose prod overlay is a kustomization; releases by hand. */
async function setUp(): Promise<Repo> {
  const repo = await initRepo();
  assert.is((await repo.trunkInit(['--no-install', '--envs', '2'])).code, 0);
  repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"onMerge": "tag"', '"onMerge": "off"'));
  repo.write('deploy/overlays/prod/kustomization.yaml', 'resources: [cm.yaml]\n');
  repo.write('deploy/overlays/prod/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  await repo.git('add', '-A');
  await repo.git('commit', '-qm', 'feat: workloads', '--no-verify');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  return repo;
}

/** A file outside the repository with known content, which nothing may print. */
function outsideFile(): string {
  const dir = tempDir('outside');
  writeFileSync(join(dir, 'victim.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${SECRET}}\n`);
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [victim.yaml]\n');
  return join(dir, 'victim.yaml');
}

async function commit(repo: Repo, files: Record<string, string>, links: Record<string, string> = {}) {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(repo.dir, path, '..'), { recursive: true });
    symlinkSync(target, join(repo.dir, path));
  }
  await repo.git('add', '-A');
  await repo.git('commit', '-qm', 'feat: hostile', '--no-verify');
}

async function refused(repo: Repo, message: string) {
  const r = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(r.code, 2, r.stdout + r.stderr);
  assert.is(r.stdout, '');
  assert.match(r.stderr, message);
  assert.not.match(r.stderr, SECRET);
}

test('a symlink to a file outside the repository is refused, naming the link', async () => {
  const repo = await setUp();
  const victim = outsideFile();
  await commit(
    repo,
    { 'deploy/overlays/prod/kustomization.yaml': 'resources: [cm.yaml, leak.yaml]\n' },
    { 'deploy/overlays/prod/leak.yaml': victim },
  );
  await refused(
    repo,
    `trunk: deploy/overlays/prod/leak.yaml at main is a symlink to ${victim}, outside the repository's tree, so nothing was rendered`,
  );
});

test('links that each stay inside but climb out through one another are refused too', async () => {
  const repo = await setUp();
  outsideFile();
  // prod/l → .. (the overlays directory, inside); prod/x → l/../../../.. (read as text: the root, inside), which
  // resolves through l to the parent of the copy's root: outside.
  await commit(repo, {}, { 'deploy/overlays/prod/l': '..', 'deploy/overlays/prod/x': 'l/../../../..' });
  await refused(repo, 'trunk: deploy/overlays/prod/x at main is a symlink to l/../../../.., outside the repository');
});

test('a remote base is refused before kustomize could fetch it, and so is a directory outside the repository', async () => {
  const repo = await setUp();
  await commit(repo, {
    'deploy/overlays/prod/kustomization.yaml':
      'resources:\n  - cm.yaml\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n',
  });
  await refused(
    repo,
    'trunk: deploy/overlays/prod/kustomization.yaml at main names the remote resource "https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1", and trunk env diff renders from git alone: it fetches nothing from the network.',
  );
  await commit(repo, {
    'deploy/overlays/prod/kustomization.yaml':
      'resources: [cm.yaml]\ncomponents: [github.com/acme/parts/base?ref=v1]\n',
  });
  await refused(repo, 'names the remote resource "github.com/acme/parts/base?ref=v1"');
  const outside = outsideFile().replace(/\/victim\.yaml$/, '');
  await commit(repo, {
    'deploy/overlays/prod/kustomization.yaml': `resources: [cm.yaml, ${'../'.repeat(12)}${outside.slice(1)}]\n`,
  });
  await refused(repo, 'which is outside the repository, so it is not rendered');
});

test.run();
