// npm run bench: `trunk env diff qa prod`'s rendered diff of two environments of 1,000 objects each (Kustomize
// overlays over one base; 100 objects change between the refs), side by side with the renderer alone (kubectl
// kustomize of both overlays, at once, as trunk runs them), rounds interleaved; then where trunk's own time goes, and
// its peak memory before and after 2,000 more commits of history.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openRepo } from '../src/adapters/git/repo.js';
import { listTree } from '../src/adapters/git/tree.js';
import { withScratch, writeTree } from '../src/adapters/render/tree.js';
import { FALLBACK_TOOL } from '../src/core/gitops/registry.js';
import { diffObjects } from '../src/core/render/diff.js';
import { parseObjects } from '../src/core/render/objects.js';
import { textSection } from '../src/core/render/report.js';
import { planRendering } from '../src/flows/render.js';
import { defaultPolicy } from '../src/core/policy/policy.js';
import { cleanEnv, importCommits, makeRepo, tempDir, TRUNK } from '../test/helpers/repo.js';
import { interleaved } from './measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const OBJECTS = 1000;
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' };

/** Object `i` of the base at `version`: a Deployment, a Service or a ConfigMap in turn, up to ~25 lines. */
function object(i: number, version: string): string {
  const name = `app-${i}`;
  if (i % 3 === 1)
    return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  labels: {app: ${name}, version: ${version}}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - {name: http, port: 80, targetPort: 8080}\n`;
  if (i % 3 === 2)
    return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  VERSION: ${version}\n  LOG_LEVEL: info\n  REGION: eu-west-1\n  app.properties: |\n    a=1\n    b=2\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}, tier: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: acme/app:${version}
          ports: [{name: http, containerPort: 8080}]
          env:
            - {name: LOG_LEVEL, value: info}
            - {name: DB, valueFrom: {secretKeyRef: {name: db, key: url}}}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
`;
}

const base = (bumped: (i: number) => boolean) =>
  Array.from({ length: OBJECTS }, (_, i) => object(i, bumped(i) ? '1.5.0' : '1.4.1')).join('---\n');

const repo = await makeRepo();
repo.write(
  'trunk.config.json',
  JSON.stringify({
    release: { onMerge: 'off' },
    environments: [
      { name: 'qa', track: { kind: 'branch' } },
      { name: 'prod', track: { kind: 'stable' } },
    ],
  }),
);
repo.write('deploy/base/kustomization.yaml', 'resources: [objects.yaml]\n');
repo.write(
  'deploy/base/objects.yaml',
  base(() => false),
);
for (const name of ['qa', 'prod'])
  repo.write(`deploy/overlays/${name}/kustomization.yaml`, `resources: [../../base]\nnamespace: shop-${name}\n`);
await repo.git('add', '-A');
await repo.git('commit', '-qm', 'feat: 1,000 objects', '--no-verify');
await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
// Every 10th object moves to 1.5.0 (a Deployment's image, a Service's label, a ConfigMap's value): 100 change.
repo.write(
  'deploy/base/objects.yaml',
  base((i) => i % 10 === 0),
);
await repo.git('commit', '-qam', 'feat: app 1.5.0', '--no-verify');
// The renderer alone reads a checkout of each ref.
const prodTree = join(tempDir('prod-checkout'), 'tree');
await repo.git('worktree', 'add', '-q', '--detach', prodTree, 'v1.0.0');

const kustomizeBoth = () =>
  Promise.all(
    [join(prodTree, 'deploy/overlays/prod'), join(repo.dir, 'deploy/overlays/prod')].map(
      (dir) =>
        new Promise<void>((resolve, reject) =>
          spawn('kubectl', ['kustomize', dir], { env, stdio: 'ignore' }).on('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`kubectl kustomize ${dir} failed`)),
          ),
        ),
    ),
  );
const trunkDiff = () => {
  const r = spawnSync(process.execPath, [TRUNK, 'env', 'diff', 'qa', 'prod', '--json'], {
    cwd: repo.dir,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`trunk env diff failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const counts = trunkDiff().rendered[0].counts;
if (counts.changed !== 100 || counts.unchanged !== OBJECTS - 100)
  throw new Error(`unexpected: ${JSON.stringify(counts)}`);

const variants: [string, () => Promise<unknown> | unknown][] = [
  ['node -e 0', () => spawnSync(process.execPath, ['-e', '0'], { env })],
  ['kubectl kustomize of both overlays, at once (the renderer alone)', kustomizeBoth],
  ['trunk env diff qa prod --json', trunkDiff],
];
const medians = await interleaved(ROUNDS, variants);
const [node, renderer, trunk] = variants.map(([name]) => medians.get(name)!);
console.log(
  `\n\`trunk env diff\`, two environments of ${OBJECTS} objects (100 change): ${ROUNDS} rounds, medians in ms\n\n| command | median |\n|---|---:|`,
);
for (const [name] of variants) console.log(`| ${name} | ${medians.get(name)!.toFixed(0)} |`);
console.log(
  `| **trunk beyond the renderer** | **${(trunk - renderer).toFixed(0)}** (node's start ${node.toFixed(0)}) |`,
);

// Where trunk's own time goes, in process (medians of the same rounds).
const git = await openRepo(repo.dir);
const policy = { ...defaultPolicy, environments: [] };
const v1 = (await repo.git('rev-parse', 'v1.0.0^{commit}')).trim();
const head = await repo.sha();
const rendered = (sha: string) =>
  spawnSync('git', ['show', `${sha}:deploy/base/objects.yaml`], { cwd: repo.dir, encoding: 'utf8', maxBuffer: 1 << 28 })
    .stdout;
const [before, after] = [rendered(v1), rendered(head)].map((text) => parseObjects([{ source: 'x', text }]));
const app = { name: 'shop', dir: 'shop' };
const phases: [string, () => Promise<unknown> | unknown][] = [
  [
    'plan: read both sides from git (kustomizations, tree ids)',
    () =>
      planRendering(
        git,
        policy,
        FALLBACK_TOOL,
        [app],
        'prod',
        { sha: v1, label: 'v1.0.0' },
        { sha: head, label: 'main' },
      ),
  ],
  [
    'write one side into a temporary directory',
    () => withScratch(async (s) => writeTree(git, 'main', await listTree(git, head, ['deploy'], true), s.tree)),
  ],
  ['parse one side (1,000 objects)', () => parseObjects([{ source: 'x', text: rendered(head) }])],
  ['diff the two sides', () => diffObjects(before.objects, after.objects)],
  [
    'word the text report',
    () =>
      textSection({
        env: 'prod',
        app: null,
        path: 'deploy/overlays/prod',
        before: { ref: 'v1.0.0', renderer: 'kubectl kustomize' },
        after: { ref: 'main', renderer: 'kubectl kustomize' },
        diff: diffObjects(before.objects, after.objects),
        warnings: [],
      }),
  ],
];
const phaseMedians = await interleaved(ROUNDS, phases);
console.log(`\nwhere trunk's own time goes, in process: medians in ms\n\n| phase | median |\n|---|---:|`);
for (const [name] of phases) console.log(`| ${name} | ${phaseMedians.get(name)!.toFixed(1)} |`);

// Peak memory of the whole command, before and after 2,000 more commits of history: the objects decide it.
const MAX_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))";
const peak = () => {
  const r = spawnSync(process.execPath, ['--import', MAX_RSS, TRUNK, 'env', 'diff', 'qa', 'prod', '--json'], {
    cwd: repo.dir,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
};
const small = peak();
await importCommits(
  repo,
  'main',
  Array.from({ length: 2000 }, (_, i) => `chore: history ${i}`),
);
const large = peak();
console.log(
  `\npeak memory of trunk env diff (trunk's process): ${small.toFixed(0)} MB with 3 commits of history, ${large.toFixed(0)} MB with 2,003`,
);
