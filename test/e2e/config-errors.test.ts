// A broken or wrong config as a new user writes one: each is an error (exit 2) that names the file, where it breaks
// and what was expected, never an internal error; nothing is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, makeRepo } from '../helpers/repo.js';

const test = suite('config errors');
const BROKEN = '{\n  "name": "shop-deploy",\n  "private": true,\n  "scripts": { "lint": "yamllint ." },\n}\n';

test('a broken package.json: trunk-init names it with line and column, and writes nothing', async () => {
  const repo = await initRepo();
  repo.write('package.json', BROKEN);
  const r = await repo.trunkInit(['--no-install']);
  assert.is(r.code, 2, r.stderr);
  assert.is(
    r.stderr.split('\n')[0],
    'trunk: package.json:5:1 is not valid JSON: expected a property name in double quotes, found `}` after a comma (JSON allows no trailing comma).',
  );
  assert.match(r.stderr, '  fix: fix package.json at line 5, column 1, then run the command again');
  assert.not.match(r.stderr, /internal error|\[\d+m/);
  assert.is(repo.read('package.json'), BROKEN);
  assert.not.ok(existsSync(join(repo.dir, '.husky')) || existsSync(join(repo.dir, 'trunk.config.json')));
});

test('a broken package.json in a set-up repository: trunk config and the hooks name it, with CI=1 without colour codes', async () => {
  const repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('package.json', '{ "name": "shop-deploy" "private": true }\n');
  const config = await repo.trunk(['config'], { env: { CI: '1' } });
  assert.is(config.code, 2, config.stderr);
  assert.is(
    config.stderr,
    'trunk: package.json:1:25 is not valid JSON: expected ",", found `"private"`.\n  fix: fix package.json at line 1, column 25, then run the command again\n',
  );
  const commit = await repo.commit('feat: a', 'a.yaml');
  assert.is(commit.code, 1);
  assert.match(commit.stderr, 'trunk: package.json:1:25 is not valid JSON');
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test('a broken commitlint config is named with line and column', async () => {
  const repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  repo.write('.commitlintrc.json', '{ "extends": ["@commitlint/config-conventional"], }\n');
  const r = await repo.commit('feat: a', 'a.yaml');
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    'trunk: .commitlintrc.json:1:51 is not valid JSON: expected a property name in double quotes, found `}` after a comma',
  );
  assert.is(await repo.git('rev-list', '--count', 'HEAD'), '1');
});

test('trunk check names the broken config committed on the base, with line and column', async () => {
  const repo = await makeRepo();
  repo.write('trunk.config.json', '{\n  "branches": ["feature/*"]\n  "maxBehind": 10\n}\n');
  await repo.git('commit', '-q', '--no-verify', '-am', 'chore: break the config');
  const base = await repo.sha();
  await repo.git('switch', '-q', '-c', 'feature/b');
  const r = await repo.trunk(['check', '--base', 'main']);
  assert.is(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    `trunk: ${base}:trunk.config.json:3:3 is not valid JSON: expected ",", found \`"maxBehind"\`.`,
  );
});

test.run();
