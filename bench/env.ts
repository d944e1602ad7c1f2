// npm run bench: `trunk env` in a repository with a long tag history (1,000 commits, 400 release and candidate
// tags, three environments), side by side with node's start and git's own tag listing, rounds interleaved.
import { spawnSync } from 'node:child_process';
import { cleanEnv, importCommits, makeRepo, TRUNK } from '../test/helpers/repo.js';
import { interleaved } from './measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' }; // as the shims run node
const repo = await makeRepo();
repo.write(
  'trunk.config.json',
  JSON.stringify({
    release: { onMerge: 'off' },
    environments: [
      { name: 'dev', track: { kind: 'branch' } },
      { name: 'qa', track: { kind: 'candidate' } },
      { name: 'prod', track: { kind: 'stable' } },
    ],
    gitops: { tool: 'argocd', repoUrl: 'https://github.com/acme/deploy.git' },
  }),
);
await repo.git('commit', '-qam', 'chore: environments', '--no-verify');
await importCommits(
  repo,
  'main',
  Array.from({ length: 1000 }, (_, i) => (i % 3 ? `fix: change ${i}` : `feat: change ${i}`)),
);
const shas = (await repo.git('rev-list', '--first-parent', 'main')).split('\n').reverse();
// Every 5th commit a candidate and its stable release: 200 minor versions, 400 tags.
const refs = [];
for (let i = 0; i < 200; i++) {
  const sha = shas[1 + i * 5];
  refs.push(`create refs/tags/v1.${i}.0-rc.1 ${sha}`);
  refs.push(`create refs/tags/v1.${i}.0 ${sha}`);
}
const tagged = spawnSync('git', ['update-ref', '--stdin'], {
  cwd: repo.dir,
  input: `${refs.join('\n')}\n`,
  env,
  encoding: 'utf8',
});
if (tagged.status !== 0) throw new Error(`git update-ref --stdin failed: ${tagged.stderr}`);
if (spawnSync(process.execPath, [TRUNK, 'env', 'manifests'], { cwd: repo.dir, env }).status !== 0)
  throw new Error('manifests failed');

const variants: [string, string, string[]][] = [
  ['node -e 0', process.execPath, ['-e', '0']],
  ['git for-each-ref refs/tags', 'git', ['for-each-ref', 'refs/tags']],
  ['trunk env --json', process.execPath, [TRUNK, 'env', '--json']],
  ['trunk env (text, manifest check)', process.execPath, [TRUNK, 'env']],
  ['trunk env manifests --check', process.execPath, [TRUNK, 'env', 'manifests', '--check']],
];
const medians = await interleaved(
  ROUNDS,
  variants.map(([name, file, args]) => [
    name,
    () => {
      const r = spawnSync(file, args, { cwd: repo.dir, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    },
  ]),
);
const node = medians.get('node -e 0')!;
console.log(
  `\n\`trunk env\`, 1,000 commits, 400 tags, 3 environments: ${ROUNDS} rounds, medians in ms\n\n| command | median | / node -e 0 |\n|---|---:|---:|`,
);
for (const [name] of variants)
  console.log(`| ${name} | ${medians.get(name)!.toFixed(0)} | ${(medians.get(name)! / node).toFixed(2)}× |`);
