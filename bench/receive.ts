// npm run bench (part 3): the server's pre-receive check, run as git runs it: in the bare repository, with the ref
// lines on stdin. Pushes of 1,000 and 50,000 new commits (targets: 1,000 under 1 s of CPU; 50,000 under 5 s and
// 300 MB) and of 3,000 release-looking tags at once. Medians of runs; CPU is user + system, git included.
import { spawnSync } from 'node:child_process';
import { cleanEnv, TRUNK } from '../test/helpers/repo.js';
import { benchServer } from './bare.js';
import { median } from './measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' };
const ZERO = '0'.repeat(40);
const { dir: server, git, incoming: chain } = benchServer('receive.git', env);
const changes = (count: number) =>
  Array.from({ length: count }, (_, i) => `feat(apps): change ${i}\n\nAdjusts replicas for service ${i % 50}.\n`);
const main = git(['rev-parse', 'main']);
const small = chain(changes(1000));
const large = chain(changes(50_000));
const tip = (shas: string[]) => shas.at(-1)!;
// 3,000 release-looking tags, three on each commit of the 1,000 chain, which is off the trunk: every one is judged.
const tags = small.flatMap((sha, i) =>
  [`v1.${i}.0`, `v1.${i}.1`, `v1.${i}.2`].map((name) => `${ZERO} ${sha} refs/tags/${name}`),
);

const cases: [string, string, number][] = [
  ['a new feature branch with 1,000 commits (all linted)', `${ZERO} ${tip(small)} refs/heads/feature/big\n`, 0],
  ['1,000 commits straight onto main (judged and refused)', `${main} ${tip(small)} refs/heads/main\n`, 1],
  ['a new feature branch with 50,000 commits (all linted)', `${ZERO} ${tip(large)} refs/heads/feature/huge\n`, 0],
  ['50,000 commits straight onto main (judged and refused)', `${main} ${tip(large)} refs/heads/main\n`, 1],
  ['3,000 release-looking tags on 1,000 commits (judged and refused)', `${tags.join('\n')}\n`, 1],
];
console.log(`| push | median CPU s (user + sys) | median wall s | median peak MB |\n|---|---:|---:|---:|`);
for (const [name, input, expected] of cases) {
  const cpu: number[] = [];
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e %M', process.execPath, TRUNK, 'hook', 'pre-receive'], {
      cwd: server,
      env,
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== expected)
      throw new Error(`${name}: exit ${r.status}, expected ${expected}: ${r.stderr.slice(0, 2000)}`);
    const [user, sys, elapsed, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu.push(user + sys);
    wall.push(elapsed);
    rss.push(kb / 1024);
  }
  console.log(`| ${name} | ${median(cpu).toFixed(2)} | ${median(wall).toFixed(2)} | ${median(rss).toFixed(0)} |`);
}
