import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  appsOf,
  changesByApp,
  checkApps,
  discoverApps,
  fixedPart,
  workloadScope,
} from '../../src/core/environments/layout.js';
import { checkGitops, defaultGitops } from '../../src/core/environments/model.js';

const test = suite('layout');
const ENVS = ['qa', 'prod'];
/** Every directory on the way to each of `paths`, as `git ls-tree -r -d` lists them. */
const tree = (...paths: string[]) =>
  new Set(paths.flatMap((p) => p.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))));

test('discoverApps: the directories the path matches for some environment, sorted; a shared base is no app', () => {
  const dirs = tree(
    'apps/web/overlays/qa',
    'apps/api/overlays/prod',
    'apps/api/overlays/qa',
    'apps/common/base',
    'apps/Billing_v2/overlays/qa',
    'apps/docs',
  );
  assert.equal(discoverApps('apps/{app}/overlays/{env}', ENVS, dirs), ['Billing_v2', 'api', 'web']);
  assert.equal(discoverApps('apps/{app}/overlays/{env}', ['dev'], dirs), []);
  // {env} before {app}, {app} as the first segment, and {app} inside a segment.
  assert.equal(discoverApps('envs/{env}/{app}', ENVS, tree('envs/qa/api', 'envs/prod/web', 'envs/dev/ops')), [
    'api',
    'web',
  ]);
  assert.equal(discoverApps('{app}/overlays/{env}', ENVS, tree('api/overlays/qa', 'docs/site', 'gitops/argocd')), [
    'api',
  ]);
  assert.equal(
    discoverApps('deploy/svc-{app}/{env}', ENVS, tree('deploy/svc-api/qa', 'deploy/svc-/qa', 'deploy/other/qa')),
    ['api'],
  );
});

test("fixedPart: the directories to read; workloadScope: the first segment of every app's paths", () => {
  assert.equal(['apps/{app}/overlays/{env}', '{app}/{env}', 'deploy/overlays/{env}', 'k8s/base'].map(fixedPart), [
    'apps',
    '',
    'deploy/overlays',
    'k8s/base',
  ]);
  const apps = appsOf(['api', 'web']);
  assert.equal(workloadScope('apps/{app}/overlays/{env}', apps, ENVS), ['apps']);
  assert.equal(workloadScope('{app}/overlays/{env}', apps, ENVS), ['api', 'web']);
  assert.equal(workloadScope('deploy/overlays/{env}', [{ name: 'shop', dir: 'shop' }], ENVS), ['deploy']);
});

test('checkApps: names are DNS-1123 labels, one per app, one per object', () => {
  assert.equal(appsOf(['Billing_v2', 'api']), [
    { name: 'billing-v2', dir: 'Billing_v2' },
    { name: 'api', dir: 'api' },
  ]);
  assert.equal(checkApps(appsOf(['api', 'web']), ENVS), []);
  assert.match(
    checkApps(appsOf(['foo_bar', 'foo-bar']), ENVS).join('\n'),
    'the app directories "foo_bar" and "foo-bar" both give the name foo-bar',
  );
  assert.match(
    checkApps(appsOf(['a', 'a-qa']), ['qa-prod', 'prod']).join('\n'),
    'a-qa-prod names the objects of both app a in qa-prod and app a-qa in prod',
  );
  assert.match(
    checkApps(appsOf(['x'.repeat(40)]), ['e'.repeat(30)]).join('\n'),
    'is not a DNS-1123 label of at most 63 characters',
  );
});

test("changesByApp: each app's files under its own directory, the rest outside", () => {
  const changes = [
    'apps/api/base/d.yaml',
    'apps/web/overlays/prod/hpa.yaml',
    'apps/common/cm.yaml',
    'apps/api-v2/x.yaml',
  ].map((path) => ({ path, added: 1, removed: 0 }));
  const { apps, outside } = changesByApp(changes, appsOf(['api', 'web']), 'apps/{app}/overlays/{env}', ENVS);
  assert.equal(
    apps.map((a) => [a.name, a.changes.map((c) => c.path)]),
    [
      ['api', ['apps/api/base/d.yaml']],
      ['web', ['apps/web/overlays/prod/hpa.yaml']],
    ],
  );
  assert.equal(
    outside.map((c) => c.path),
    ['apps/common/cm.yaml', 'apps/api-v2/x.yaml'],
  );
  const single = changesByApp(changes, [{ name: 'shop', dir: 'shop' }], 'apps/overlays/{env}', ENVS);
  assert.equal([single.apps[0].changes.length, single.outside], [4, []]);
});

test('checkGitops: gitops.apps needs {app} in gitops.path, and names its objects can take', () => {
  const envs = ENVS.map((name) => ({ name, track: { kind: 'branch' as const } }));
  assert.equal(checkGitops({ ...defaultGitops, path: 'apps/{app}/overlays/{env}', apps: ['api'] }, envs), []);
  assert.match(
    checkGitops({ ...defaultGitops, apps: ['api'] }, envs).join(''),
    'gitops.apps lists apps, but gitops.path "deploy/overlays/{env}" has no {app}',
  );
  assert.match(
    checkGitops({ ...defaultGitops, path: '{app}/{env}', apps: ['a_b', 'a-b'] }, envs).join(''),
    'gitops.apps: the app directories "a_b" and "a-b" both give the name a-b',
  );
});

test.run();
