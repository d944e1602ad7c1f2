// The package as npm ships it: `npm pack`'s tarball, unpacked into a repository's node_modules as an install would
// (its dependencies linked from this checkout: an offline install cannot fetch them), sets the repository up, and
// every path the written files name inside node_modules/trunk-init ($schema, the shims' lib.sh, the CLI) exists.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, PROJECT, run, tempDir, type Repo } from '../helpers/repo.js';

const test = suite('the packed package');

/** `npm pack` of this checkout (as built), unpacked: the files a user's npm install puts in node_modules/trunk-init. */
async function packed(): Promise<string> {
  const dir = tempDir('pack');
  const pack = await run('npm', ['pack', '--offline', '--no-update-notifier', '--pack-destination', dir, '--json'], {
    cwd: PROJECT,
  });
  assert.is(pack.code, 0, pack.stderr);
  const [{ filename }] = JSON.parse(pack.stdout);
  const untar = await run('tar', ['-xzf', join(dir, filename), '-C', dir], { cwd: dir });
  assert.is(untar.code, 0, untar.stderr);
  return join(dir, 'package');
}

/** A repository whose node_modules holds the unpacked package, and the two packages trunk-init's files resolve. */
async function installed(pkg: string): Promise<Repo> {
  const repo = await initRepo();
  rmSync(join(repo.dir, 'node_modules'));
  mkdirSync(join(repo.dir, 'node_modules/@commitlint'), { recursive: true });
  renameSync(pkg, join(repo.dir, 'node_modules/trunk-init'));
  symlinkSync(join(PROJECT, 'node_modules/husky'), join(repo.dir, 'node_modules/husky'));
  symlinkSync(
    join(PROJECT, 'node_modules/@commitlint/config-conventional'),
    join(repo.dir, 'node_modules/@commitlint/config-conventional'),
  );
  return repo;
}

/** Every file under `dir` but node_modules and .git, relative to it. */
const written = (dir: string, at = ''): string[] =>
  readdirSync(join(dir, at), { withFileTypes: true }).flatMap((e) => {
    const path = join(at, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === '.git' ? [] : written(dir, path);
    return [path];
  });

test('trunk-init from the tarball: every node_modules/trunk-init path its files name exists, and the hooks run', async () => {
  const repo = await installed(await packed());
  const node = (bin: string, args: string[]) =>
    run(process.execPath, [join(repo.dir, 'node_modules/trunk-init/dist', bin), ...args], { cwd: repo.dir });
  const init = await node('trunk-init.mjs', [
    '--no-install',
    '--ci',
    'github',
    '--envs',
    '3',
    '--gitops',
    'argocd',
    '--repo-url',
    'https://github.com/acme/deploy.git',
  ]);
  assert.is(init.code, 0, init.stderr);

  const config = JSON.parse(repo.read('trunk.config.json'));
  assert.is(config.$schema, './node_modules/trunk-init/schema/trunk.schema.json');
  const referenced = new Set<string>();
  for (const file of written(repo.dir))
    for (const [path] of readFileSync(join(repo.dir, file), 'utf8').matchAll(/node_modules\/trunk-init\/[\w./-]*\w/g))
      referenced.add(path);
  assert.ok(referenced.has('node_modules/trunk-init/schema/trunk.schema.json'), [...referenced].join(', '));
  assert.ok(referenced.has('node_modules/trunk-init/hooks/lib.sh'), [...referenced].join(', '));
  assert.ok(referenced.has('node_modules/trunk-init/dist/trunk.mjs'), [...referenced].join(', '));
  for (const path of referenced) assert.ok(existsSync(join(repo.dir, path)), `${path} is named but not in the package`);
  assert.is(JSON.parse(readFileSync(join(repo.dir, config.$schema), 'utf8')).title, 'trunk-init configuration');

  // The shims run the packed CLI: the rules hold, and doctor finds this clone protected.
  await repo.git('switch', '-q', '-c', 'feature/a');
  assert.is((await repo.commit('not a conventional commit')).code, 1);
  assert.is((await repo.commit('feat: from the packed package')).code, 0);
  const doctor = await node('trunk.mjs', ['doctor']);
  assert.is(doctor.code, 0, doctor.stderr);
  const check = await node('trunk.mjs', ['check', '--base', 'main']);
  assert.is(check.code, 0, check.stderr);
});

test('the packed CLI validates the config with no ajv installed: the generated validator is bundled', async () => {
  const repo = await installed(await packed());
  assert.not.ok(existsSync(join(repo.dir, 'node_modules/ajv')));
  repo.write('trunk.config.json', JSON.stringify({ maxBehind: 1.5 }));
  const config = await run(process.execPath, [join(repo.dir, 'node_modules/trunk-init/dist/trunk.mjs'), 'config'], {
    cwd: repo.dir,
  });
  assert.is(config.code, 2);
  assert.match(config.stderr, 'trunk.config.json: "maxBehind" must be a whole number, not 1.5');
});

test.run();
