// `trunk doctor --forge` against a stand-in for the GitHub REST API: a local HTTP server on 127.0.0.1 that serves
// rulesets as GitHub's API shapes them (the list without rules, each ruleset in full). No network is used.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type Repo } from '../helpers/repo.js';

const test = suite('trunk doctor --forge');
let repo: Repo;
let rulesets: Record<string, unknown>[];
let seen: { url: string; headers: IncomingHttpHeaders }[];
let api: string;

const server = createServer((req, res) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const id = path.match(/^\/repos\/acme\/deploy\/rulesets\/(\d+)$/)?.[1];
  const body =
    path === '/repos/acme/deploy/rulesets'
      ? rulesets.map(({ id, name, target, enforcement }) => ({ id, name, target, enforcement }))
      : rulesets.find((r) => String(r.id) === id);
  res
    .writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
    .end(JSON.stringify(body ?? { message: 'Not Found' }));
});

test.before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test.before.each(async () => {
  repo = await makeRepo();
  seen = [];
  // What trunk-init generates, as GitHub stores it after an import (with an id and the source).
  assert.is((await repo.trunkInit(['--no-install', '--ci', 'github'])).code, 0);
  rulesets = ['trunk.json', 'release-tags.json'].map((file, i) => ({
    id: i + 1,
    source: 'acme/deploy',
    ...JSON.parse(repo.read(`.github/rulesets/${file}`)),
  }));
});

const doctor = (env: Record<string, string> = {}) =>
  repo.trunk(['doctor', '--forge'], {
    env: { GITHUB_API_URL: api, GITHUB_REPOSITORY: 'acme/deploy', GITHUB_TOKEN: 'test-token', ...env },
  });

test('the imported rulesets hold, read with the token', async () => {
  const r = await doctor();
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, '✔ acme/deploy holds the ruleset "trunk" (.github/rulesets/trunk.json)');
  assert.match(r.stderr, '✔ acme/deploy holds the ruleset "release tags" (.github/rulesets/release-tags.json)');
  assert.match(r.stderr, 'trunk: the forge is protected.');
  assert.ok(
    seen.length === 3 && seen.every((s) => s.headers.authorization === 'Bearer test-token'),
    JSON.stringify(seen.map((s) => s.url)),
  );
});

test('the old release-tags ruleset (no creation rule, v* only) is named with what it lacks', async () => {
  rulesets[1] = {
    ...rulesets[1],
    conditions: { ref_name: { include: ['refs/tags/v*'], exclude: [] } },
    rules: [{ type: 'update' }, { type: 'deletion' }],
  };
  const r = await doctor();
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    '✖ acme/deploy does not hold the ruleset "release tags" (.github/rulesets/release-tags.json): no active ruleset holds creation on refs/tags/v[0-9]*, creation on refs/tags/V[0-9]*',
  );
  assert.match(
    r.stderr,
    'fix: gh api repos/acme/deploy/rulesets --method POST --input .github/rulesets/release-tags.json',
  );
  assert.match(r.stderr, '✔ acme/deploy holds the ruleset "trunk"');
});

test('a ruleset in evaluate mode, someone else who may bypass, and a status check from any app do not count', async () => {
  rulesets[1] = { ...rulesets[1], enforcement: 'evaluate' };
  const trunk = rulesets[0] as { bypass_actors: unknown[]; rules: { type: string; parameters?: unknown }[] };
  trunk.bypass_actors = [...trunk.bypass_actors, { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' }];
  const r = await doctor();
  assert.is(r.code, 1);
  assert.match(r.stderr, 'others may bypass deletion on refs/heads/main (RepositoryRole 5 may bypass it)');
  assert.match(
    r.stderr,
    '"release tags" (.github/rulesets/release-tags.json): no active ruleset holds creation on refs/tags/v[0-9]*',
  );
  trunk.bypass_actors = trunk.bypass_actors.slice(0, 1);
  trunk.rules = trunk.rules.map((rule) =>
    rule.type === 'required_status_checks'
      ? { ...rule, parameters: { required_status_checks: [{ context: 'trunk check' }] } }
      : rule,
  );
  const anyApp = await doctor();
  assert.match(
    anyApp.stderr,
    '"trunk" (.github/rulesets/trunk.json): no active ruleset holds required_status_checks on refs/heads/main',
  );
});

test('no token, a token GitHub refuses, or bypass actors the token cannot see: each says so, with the fix', async () => {
  const none = await doctor({ GITHUB_TOKEN: '', GH_TOKEN: '' });
  assert.is(none.code, 1);
  assert.match(none.stderr, '✖ there is no token to read the rulesets of acme/deploy');
  const wrong = await doctor({ GITHUB_REPOSITORY: 'acme/other' });
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, `GitHub answered 404 Not Found for ${api}/repos/acme/other/rulesets`);
  for (const ruleset of rulesets) delete ruleset.bypass_actors;
  const unseen = await doctor();
  assert.match(unseen.stderr, 'this token cannot see who may bypass deletion on refs/heads/main');
});

test.run();
