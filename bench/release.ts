// npm run bench (part 2): `trunk release --dry-run --json` and `trunk notes` on generated repositories of 1k, 10k and
// 100k commits since the last tag, side by side with conventional-changelog's CLI, conventional-recommended-bump, and
// `git log` over the same range as the floor; then trunk again once the newest commit reverts v1.0.0's commit (a
// revert whose original is outside the range, which the writer's own pairing of reverts made quadratic), and once a
// release 10 commits back is tagged (finding it must not walk the whole history). Wall time (median) and peak memory
// (max RSS, via /usr/bin/time): the median and the highest of the runs, since the garbage collector now and then
// lets one run peak 100 MB higher.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, PROJECT, TRUNK, tempDir } from '../test/helpers/repo.js';
import { median } from './measure.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' }; // like for like: no CA bundle for any node process
const bin = (name: string) => join(PROJECT, 'node_modules/.bin', name);

const TYPES = [
  'chore',
  'chore',
  'fix',
  'chore',
  'feat',
  'fix',
  'docs',
  'chore',
  'feat',
  'fix',
  'refactor',
  'perf',
  'ci',
  'chore',
  'fix',
  'test',
  'feat',
  'chore',
  'build',
  'fix',
];
const message = (i: number) =>
  `${TYPES[i % TYPES.length]}${i % 4 === 0 ? '(apps)' : ''}${i % 997 === 0 ? '!' : ''}: change ${i} to the manifests\n\n` +
  `Adjusts replicas and limits for service ${i % 50}.${i % 7 === 0 ? `\n\nRefs #${i}` : ''}\n`;

/** A repository with a v1.0.0 tag and `size` commits after it, written by git fast-import. */
function generate(size: number): string {
  const dir = tempDir(`bench-${size}`);
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  git('init', '-q', '-b', 'main');
  let t = 1_700_000_000;
  const chunks = [`commit refs/heads/main\ncommitter Bench <bench@example.com> ${t} +0000\ndata 14\nfeat: initial\n\n`];
  chunks.push(`tag v1.0.0\nfrom refs/heads/main\ntagger Bench <bench@example.com> ${t} +0000\ndata 7\nv1.0.0\n\n`);
  for (let i = 1; i <= size; i++) {
    const m = message(i);
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${++t} +0000\ndata ${Buffer.byteLength(m)}\n${m}\n`,
    );
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  git('reset', '-q', '--hard', 'main');
  git('remote', 'add', 'origin', 'git@github.com:acme/gitops.git');
  writeFileSync(join(dir, 'package.json'), '{ "name": "gitops", "version": "1.0.0", "private": true }\n');
  mkdirSync(join(dir, '.git/info'), { recursive: true });
  writeFileSync(join(dir, '.git/info/exclude'), 'package.json\n');
  return dir;
}

/** [seconds, MB] of one run: wall time by the clock here (time's own is to the 10 ms), peak RSS by /usr/bin/time. */
function measure(cwd: string, command: string[]): [number, number] {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...command], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return [seconds, Number(r.stderr.trim().split('\n').at(-1)) / 1024];
}

const variants: [string, string[], boolean][] = [
  ['git log (floor)', ['git', 'log', '--format=%H%x1f%P%x1f%B%x1e', 'v1.0.0..HEAD'], true],
  ['trunk release --dry-run --json', [process.execPath, TRUNK, 'release', '--dry-run', '--json'], true],
  ['trunk notes', [process.execPath, TRUNK, 'notes'], true],
  ['conventional-recommended-bump', [bin('conventional-recommended-bump'), '-p', 'conventionalcommits'], false],
  ['conventional-changelog CLI', [bin('conventional-changelog'), '-p', 'conventionalcommits', '--stdout'], false],
];

/** The newest commit reverts the first release's only commit: a revert whose original is outside the range. */
function revertOutside(dir: string): void {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  const root = git('rev-list', '--max-parents=0', 'HEAD').stdout.trim();
  const message = `Revert "feat: initial"\n\nThis reverts commit ${root}.\n`;
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--allow-empty', '-m', message);
}

/** Runs `list` interleaved in rounds and prints a row each; competitors (not `always`) run once at 100k (~30 s). */
function table(size: number, dir: string, list: typeof variants, label = size.toLocaleString('en')): void {
  const results = new Map<string, [number, number][]>(list.map(([name]) => [name, []]));
  for (let round = 0; round < RUNS; round++)
    for (const [name, command, always] of list)
      if (always || size < 100_000 || round === 0) results.get(name)!.push(measure(dir, command));
  const floor = median(results.get('git log (floor)')!.map(([s]) => s));
  for (const [name, runs] of results) {
    const s = median(runs.map(([x]) => x));
    console.log(
      `| ${label} | ${name}${runs.length === 1 ? ' (1 run)' : ''} | ${s.toFixed(s < 0.1 ? 3 : 2)} | ${(s / floor).toFixed(1)}× | ${median(runs.map(([, mb]) => mb)).toFixed(0)} | ${Math.max(...runs.map(([, mb]) => mb)).toFixed(0)} |`,
    );
  }
}

console.log('| commits | tool | median s | × floor | peak MB, median | peak MB, max |\n|---:|---|---:|---:|---:|---:|');
for (const size of SIZES) {
  const dir = generate(size);
  table(size, dir, variants);
  // conventional-changelog-writer pairs reverts in quadratic time when one waits from the top: trunk must not.
  revertOutside(dir);
  table(size, dir, variants.slice(0, 2), `${size.toLocaleString('en')} + a revert of v1.0.0's commit`);
  // A recent release in a long history, as every merge's post-merge hook meets it: the range is 10 commits.
  spawnSync(
    'git',
    ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'tag', '-a', '-m', 'v1.1.0', 'v1.1.0', 'HEAD~10'],
    { cwd: dir, env },
  );
  const recent: typeof variants = [
    [variants[0][0], [...variants[0][1].slice(0, -1), 'v1.1.0..HEAD'], true],
    variants[1],
  ];
  table(size, dir, recent, `10 since v1.1.0, ${size.toLocaleString('en')} in all`);
}
