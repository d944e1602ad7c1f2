// trunk env diff's rendered diff, in real repositories with real history: Kustomize overlays over a shared base
// (rendered by kubectl kustomize, which these machines have), plain YAML, Helm (helm cannot be installed here: only
// its "missing" error is tested), the user's own command, and the renderers missing from PATH.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run, tempDir, type Repo, initWith } from '../helpers/repo.js';

const test = suite('trunk env diff: rendered');
const URL = 'https://github.com/acme/shop-deploy.git';

const setUp = (...flags: string[]) => initWith(['--repo-url', URL, ...flags]);

/** Writes `files` (null removes one) on a feature branch, commits them as `message` and merges with plain git. */
async function land(repo: Repo, branch: string, message: string, files: Record<string, string | null>) {
  await repo.git('switch', '-q', '-c', branch, 'main');
  for (const [path, text] of Object.entries(files))
    if (text === null) await repo.git('rm', '-q', path);
    else repo.write(path, text);
  await repo.git('add', '-A');
  await repo.git('commit', '-qm', message, '--no-verify');
  await repo.git('switch', '-q', 'main');
  const r = await repo.gitResult('merge', '--no-ff', '-m', `Merge branch '${branch}'`, branch);
  assert.is(r.code, 0, r.stderr);
  return r;
}

const deployment = (image: string, replicas: number, env: [string, string][]) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ${image}
          envFrom:
            - configMapRef: {name: api-env}
            - secretRef: {name: api-secret}
          env:
${env.map(([k, v]) => `            - {name: ${k}, value: "${v}"}`).join('\n')}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
    - {name: http, port: 80, targetPort: 8080}
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 3
  maxReplicas: 10
`;

const base = (resources: string[], level: string, password: string) => `resources:
${resources.map((r) => `  - ${r}`).join('\n')}
configMapGenerator:
  - name: api-env
    literals: [LOG_LEVEL=${level}]
secretGenerator:
  - name: api-secret
    literals: [password=${password}]
`;

const overlay = (env: string) => `resources:
  - ../../base
namespace: shop-${env}
`;

const b64 = (text: string) => Buffer.from(text).toString('base64');

test('done when: --envs 3 --gitops argocd, a base change released as a candidate: prod sees exactly its objects and fields, Secret values hidden', async () => {
  const repo = await setUp('--gitops', 'argocd', '--envs', '3');
  const released = await land(repo, 'feature/workloads', 'feat: the api workloads', {
    'deploy/base/kustomization.yaml': base(['deployment.yaml', 'service.yaml'], 'info', 's3cr3t-one'),
    'deploy/base/deployment.yaml': deployment('acme/api:1.4.1', 2, [
      ['REGION', 'eu'],
      ['TIER', 'web'],
    ]),
    'deploy/base/service.yaml': SERVICE,
    ...Object.fromEntries(
      ['dev', 'qa', 'prod'].map((env) => [`deploy/overlays/${env}/kustomization.yaml`, overlay(env)]),
    ),
  });
  assert.match(released.stderr, 'released v1.0.0-rc.1');
  // Before prod's first release, it runs nothing: every object it would get is added.
  const first = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stdout, 'prod: deploy/overlays/prod, nothing → v1.0.0-rc.1 (kubectl kustomize; not in nothing)');
  assert.match(first.stdout, '  4 objects change: 4 added, 0 changed, 0 removed; 0 unchanged\n');
  assert.not.match(first.stdout, 's3cr3t');
  assert.is((await repo.trunk(['env', 'promote', 'prod'])).code, 0);

  // One change to the base, released as a candidate: a new image, replicas, a config value, a password, an HPA; the
  // env list only reordered.
  const candidate = await land(repo, 'feature/api-1.5', 'feat: api 1.5.0 with autoscaling', {
    'deploy/base/kustomization.yaml': base(['deployment.yaml', 'service.yaml', 'hpa.yaml'], 'debug', 's3cr3t-two'),
    'deploy/base/deployment.yaml': deployment('acme/api:1.5.0', 3, [
      ['TIER', 'web'],
      ['REGION', 'eu'],
    ]),
    'deploy/base/hpa.yaml': HPA,
  });
  assert.match(candidate.stderr, 'released v1.1.0-rc.1');
  const head = await repo.sha();
  const status = await repo.git('status', '--porcelain');

  const diff = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(diff.code, 0, diff.stderr);
  const [, cmNew, cmOld] = /ConfigMap (api-env-\w{10}) \(was (api-env-\w{10})/.exec(diff.stdout) ?? [];
  const [, secretNew, secretOld] = /Secret (api-secret-\w{10}) \(was (api-secret-\w{10})/.exec(diff.stdout) ?? [];
  assert.ok(cmNew && secretNew && cmOld !== cmNew, diff.stdout);
  const section = diff.stdout.slice(
    diff.stdout.indexOf('prod: deploy/'),
    diff.stdout.indexOf('\n\n', diff.stdout.indexOf('prod: deploy/')),
  );
  assert.fixture(
    section,
    [
      'prod: deploy/overlays/prod, v1.0.0 → v1.1.0-rc.1 (kubectl kustomize)',
      '  4 objects change: 1 added, 3 changed (2 renamed), 0 removed; 1 unchanged',
      `  ~ ConfigMap ${cmNew} (was ${cmOld}: Kustomize's hash suffix)`,
      '      ~ data.LOG_LEVEL: info → debug',
      `  ~ Secret ${secretNew} (was ${secretOld}: Kustomize's hash suffix)`,
      '      ~ data.password: changed (value hidden)',
      '  ~ Deployment api',
      '      ~ spec.replicas: 2 → 3',
      `      ~ spec.template.spec.containers[api].envFrom[0].configMapRef.name: ${cmOld} → ${cmNew} (the generated name that follows the rename)`,
      `      ~ spec.template.spec.containers[api].envFrom[1].secretRef.name: ${secretOld} → ${secretNew} (the generated name that follows the rename)`,
      '      ~ spec.template.spec.containers[api].image: acme/api:1.4.1 → acme/api:1.5.0',
      '  + HorizontalPodAutoscaler api',
    ].join('\n'),
  );
  for (const secret of ['s3cr3t-one', 's3cr3t-two', b64('s3cr3t-one'), b64('s3cr3t-two')])
    assert.not.match(diff.stdout + diff.stderr, secret);
  // The release notes are a section of the same report.
  assert.match(diff.stdout, /^\d+ commits in qa \(v1\.1\.0-rc\.1\), not in prod \(v1\.0\.0\)\.\n/);
  assert.match(diff.stdout, '\nrelease notes\n## 1.1.0');
  assert.match(diff.stdout, '* api 1.5.0 with autoscaling');
  // Nothing of the work tree moved.
  assert.equal([await repo.sha(), await repo.git('status', '--porcelain')], [head, status]);

  const json = JSON.parse((await repo.trunk(['env', 'diff', 'qa', 'prod', '--json'])).stdout);
  const [rendered] = json.rendered;
  assert.equal(rendered.counts, { added: 1, removed: 0, changed: 3, unchanged: 1 });
  const secret = rendered.objects.find((o: { kind: string }) => o.kind === 'Secret');
  assert.equal(secret.fields, [{ path: 'data.password', change: 'changed', hidden: true }]);
  assert.is(secret.renamedFrom, secretOld);
  assert.not.match(JSON.stringify(json), b64('s3cr3t-two'));
  const deploymentChange = rendered.objects.find((o: { kind: string }) => o.kind === 'Deployment');
  assert.equal(deploymentChange.fields[3], {
    path: 'spec.template.spec.containers[api].image',
    change: 'changed',
    before: 'acme/api:1.4.1',
    after: 'acme/api:1.5.0',
  });

  const markdown = await repo.trunk(['env', 'diff', 'qa', 'prod', '--markdown']);
  assert.is(markdown.code, 0, markdown.stderr);
  assert.match(markdown.stdout, /^## qa → prod\n/);
  assert.match(markdown.stdout, '### prod: `deploy/overlays/prod`, `v1.0.0` → `v1.1.0-rc.1`');
  assert.match(markdown.stdout, '**4 objects change: 1 added, 3 changed (2 renamed), 0 removed; 1 unchanged**');
  assert.match(markdown.stdout, '  - `data.password` changed (value hidden)');
  assert.match(markdown.stdout, '### Release notes\n\n#### 1.1.0');
  assert.not.match(markdown.stdout, b64('s3cr3t-two'));
  assert.is((await repo.trunk(['env', 'diff', 'qa', 'prod', '--json', '--markdown'])).code, 2);

  // trunk env shows the waiting promotion's rendered summary.
  const text = await repo.trunk(['env']);
  assert.match(
    text.stdout,
    '  rendered: prod: 4 objects change: ConfigMap api-env (LOG_LEVEL info → debug), Secret api-secret (password changed), Deployment api (replicas 2 → 3, image 1.4.1 → 1.5.0), HorizontalPodAutoscaler api added\n',
  );
  const statusJson = JSON.parse((await repo.trunk(['env', '--json'])).stdout);
  const waiting = statusJson.diffs.find((d: { to: string }) => d.to === 'prod');
  assert.is(waiting.rendered.kind, 'rendered');
  assert.is(waiting.rendered.sections[0].counts.added, 1);

  // Promoted, prod runs what qa runs: nothing renders differently, and nothing is run to find that out.
  assert.is((await repo.trunk(['env', 'promote', 'prod'])).code, 0);
  const after = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.match(
    after.stdout,
    'prod: deploy/overlays/prod, v1.1.0 → v1.1.0 (kustomize)\n  no object changes: the files it renders are the same at v1.1.0 and v1.1.0',
  );
});

/** trunk-init's repository with releases by hand (`trunk release`), so merges move only the trunk. */
async function byHand(...flags: string[]): Promise<Repo> {
  const repo = await setUp(...flags);
  repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"onMerge": "tag"', '"onMerge": "off"'));
  await repo.git('commit', '-qam', 'chore: release by hand', '--no-verify');
  return repo;
}

async function envJson(repo: Repo) {
  const r = await repo.trunk(['env', '--json']);
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  return (to: string) => json.diffs.find((d: { to: string }) => d.to === to);
}

test('an image tag changed in the base shows up in exactly the environments that render it, at the refs they would take', async () => {
  const repo = await byHand('--gitops', 'argocd', '--envs', '3');
  await land(repo, 'feature/workloads', 'feat: the api workloads', {
    'deploy/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'deploy/base/deployment.yaml': deployment('acme/api:1.4.1', 2, [['REGION', 'eu']]),
    'deploy/overlays/qa/kustomization.yaml': overlay('qa'),
    'deploy/overlays/prod/kustomization.yaml': overlay('prod'),
    // dev runs its own build, not the base.
    'deploy/overlays/dev/kustomization.yaml': 'resources: [deployment.yaml]\nnamespace: shop-dev\n',
    'deploy/overlays/dev/deployment.yaml': deployment('acme/api:edge', 1, [['REGION', 'eu']]),
  });
  assert.is((await repo.trunk(['release'])).code, 0);
  assert.is((await repo.trunk(['env', 'promote', 'prod'])).code, 0);
  await land(repo, 'feature/api-1.5', 'feat: api 1.5.0', {
    'deploy/base/deployment.yaml': deployment('acme/api:1.5.0', 2, [['REGION', 'eu']]),
  });
  // On the trunk only: qa would take it with the next candidate; prod waits for nothing yet.
  let diffs = await envJson(repo);
  assert.equal(diffs('qa').rendered.summary, ['qa: 1 object changes: Deployment api (image 1.4.1 → 1.5.0)']);
  assert.is(diffs('prod').rendered, null);
  // dev's objects do not come from the base: what qa runs would change nothing there, and nothing ran to say so.
  const dev = await repo.trunk(['env', 'diff', 'qa', 'dev']);
  assert.match(
    dev.stdout,
    'dev: deploy/overlays/dev, main → v1.0.0 (kustomize)\n  no object changes: the files it renders are the same at main and v1.0.0',
  );
  // Released as a candidate, qa runs it and prod would take it.
  assert.match((await repo.trunk(['release'])).stderr, 'v1.1.0-rc.1');
  diffs = await envJson(repo);
  assert.is(diffs('qa').rendered, null);
  assert.equal(diffs('prod').rendered.summary, ['prod: 1 object changes: Deployment api (image 1.4.1 → 1.5.0)']);
  assert.match(
    (await repo.trunk(['env'])).stdout,
    '  rendered: prod: 1 object changes: Deployment api (image 1.4.1 → 1.5.0)\n',
  );
});

const PLAIN = (image: string, password: string, extra: string) => ({
  'app.yaml': `${deployment(image, 2, [['REGION', 'eu']])}---\n${SERVICE}`,
  'config.yaml': `apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: "1"}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {k: "2"}}\n`,
  'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: ${password}}\n`,
  'notes/extra.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {k: "${extra}"}\n`,
  'README.md': 'not YAML, not read\n',
});

test('plain YAML, read natively: multi-document files and List kinds; subdirectories as the GitOps tool reads them', async () => {
  const repo = await byHand('--gitops', 'argocd', '--envs', '2');
  const files = (env: string, ...args: Parameters<typeof PLAIN>) =>
    Object.fromEntries(Object.entries(PLAIN(...args)).map(([path, text]) => [`deploy/overlays/${env}/${path}`, text]));
  await land(repo, 'feature/workloads', 'feat: workloads', {
    ...files('qa', 'acme/api:1.4.1', 'hunter2', 'x'),
    ...files('prod', 'acme/api:1.4.1', 'hunter2', 'x'),
  });
  assert.is((await repo.trunk(['release'])).code, 0);
  await land(repo, 'feature/next', 'feat: next', files('prod', 'acme/api:1.5.0', 'correct-horse', 'y'));
  const argo = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(argo.code, 0, argo.stderr);
  assert.match(
    argo.stdout,
    [
      'prod: deploy/overlays/prod, v1.0.0 → main (plain YAML, read natively)',
      '  2 objects change: 0 added, 2 changed, 0 removed; 3 unchanged',
      '  ~ Deployment api',
      '      ~ spec.template.spec.containers[api].image: acme/api:1.4.1 → acme/api:1.5.0',
      '  ~ Secret db',
      '      ~ stringData.password: changed (value hidden)',
      '',
    ].join('\n'),
  );
  for (const secret of ['hunter2', 'correct-horse']) assert.not.match(argo.stdout, secret);
  // Flux reads the subdirectories too.
  repo.write('trunk.config.json', repo.read('trunk.config.json').replace('"tool": "argocd"', '"tool": "flux"'));
  const flux = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.match(flux.stdout, '(plain YAML, read natively (with subdirectories))\n  3 objects change');
  assert.match(flux.stdout, '  ~ ConfigMap extra\n      ~ data.k: x → y\n');
});

/** A directory holding only a link to git: a PATH on which no renderer is found. */
async function gitOnlyPath(): Promise<string> {
  const bin = tempDir('bin');
  const git = (await run('sh', ['-c', 'command -v git'], { cwd: bin })).stdout.trim();
  symlinkSync(git, join(bin, 'git'));
  return bin;
}

test('a missing renderer is named with how to install it, never replaced by a diff of the files; helm is missing here', async () => {
  const repo = await byHand('--envs', '2');
  await land(repo, 'feature/workloads', 'feat: workloads', {
    'deploy/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'deploy/base/deployment.yaml': deployment('acme/api:1.4.1', 2, [['REGION', 'eu']]),
    'deploy/overlays/qa/kustomization.yaml': overlay('qa'),
    'deploy/overlays/prod/kustomization.yaml': overlay('prod'),
  });
  assert.is((await repo.trunk(['release'])).code, 0);
  await land(repo, 'feature/next', 'feat: next', {
    'deploy/base/deployment.yaml': deployment('acme/api:1.5.0', 2, [['REGION', 'eu']]),
  });
  const env = { PATH: await gitOnlyPath() };
  const missing = await repo.trunk(['env', 'diff', 'qa', 'prod'], { env });
  assert.is(missing.code, 2, missing.stderr);
  assert.is(missing.stdout, '');
  assert.match(
    missing.stderr,
    'trunk: deploy/overlays/prod at v1.0.0 is a Kustomize directory (a kustomization.yaml), and neither kustomize nor kubectl is on PATH, so it cannot be rendered (trunk never falls back to a diff of the files).\n  fix: install kubectl (https://kubernetes.io/docs/tasks/tools/: kubectl kustomize is enough)',
  );
  // trunk env still answers, and says why the rendered summary is missing.
  const status = await repo.trunk(['env'], { env });
  assert.is(status.code, 0, status.stderr);
  assert.match(status.stdout, '  rendered diff failed: deploy/overlays/prod at v1.0.0 is a Kustomize directory');
  assert.match(status.stdout, '(trunk env diff qa prod says more)');

  // helm is not on these machines (it cannot be installed here): a chart says so.
  await land(repo, 'feature/chart', 'feat: a chart', {
    'deploy/overlays/prod/kustomization.yaml': null,
    'deploy/overlays/prod/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
    'deploy/overlays/prod/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api}\n',
  });
  const helm = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.is(helm.code, 2, helm.stderr);
  assert.match(
    helm.stderr,
    'trunk: deploy/overlays/prod at main is a Helm chart (a Chart.yaml), and helm is not on PATH, so it cannot be rendered (trunk never falls back to a diff of the files).\n  fix: install helm (https://helm.sh/docs/intro/install/)',
  );
});

const RENDER_SCRIPT = `import { readFileSync } from 'node:fs';
const [path, env, odd] = process.argv.slice(2);
const info = { cwd: process.cwd(), home: process.env.HOME, token: process.env.GITHUB_TOKEN ?? null, odd, keys: Object.keys(process.env).sort() };
const value = readFileSync(path + '/value.txt', 'utf8').trim();
console.log(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rendered-' + env }, data: { value, info: JSON.stringify(info) } }));
`;

test("gitops.render: the user's command, without a shell, in a temporary copy, with none of the caller's environment", async () => {
  const repo = await byHand('--envs', '2');
  const config = JSON.parse(repo.read('trunk.config.json'));
  config.gitops = { ...config.gitops, render: 'node render.mjs {path} {env} $HOME;echo' };
  await land(repo, 'feature/workloads', 'feat: workloads', {
    'trunk.config.json': JSON.stringify(config, null, 2),
    'render.mjs': RENDER_SCRIPT,
    'deploy/overlays/prod/value.txt': '1\n',
  });
  assert.is((await repo.trunk(['release'])).code, 0);
  await land(repo, 'feature/next', 'feat: next', { 'deploy/overlays/prod/value.txt': '2\n' });
  const r = await repo.trunk(['env', 'diff', 'qa', 'prod', '--json'], {
    env: { GITHUB_TOKEN: 'ghp_not-for-renderers' },
  });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, 'ghp_not-for-renderers');
  const [section] = JSON.parse(r.stdout).rendered;
  assert.is(section.after.renderer, 'node render.mjs deploy/overlays/prod prod $HOME;echo');
  const fields = section.objects[0].fields;
  assert.equal(fields[0], { path: 'data.value', change: 'changed', before: '1', after: '2' });
  const info = JSON.parse(fields[1].after);
  assert.is(info.token, null);
  assert.is(info.odd, '$HOME;echo');
  assert.not.ok(info.cwd.startsWith(repo.dir), info.cwd);
  assert.match(info.cwd, /trunk-render-/);
  assert.match(info.home, /trunk-render-/);
  assert.ok(!info.keys.includes('GITHUB_TOKEN') && info.keys.includes('HTTPS_PROXY'), info.keys.join(' '));
  // The work tree was not touched: nothing written, nothing switched.
  assert.is(await repo.git('status', '--porcelain'), '');
  // trunk env names the command rather than running one of unknown cost.
  assert.match(
    (await repo.trunk(['env'])).stdout,
    '  rendered diff: trunk env diff qa prod (not rendered here: gitops.render runs a command of its own)',
  );
});

test.run();
