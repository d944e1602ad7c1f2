// npm run bench (part 3): CPU time of the server's pre-receive check for a push of 1,000 new commits (target: under
// 1 s), run as git runs it: in the bare repository, with the ref lines on stdin. Median of runs; user + system time.
import { spawnSync } from 'node:child_process';
import { cleanEnv, TRUNK, tempDir } from '../test/helpers/repo.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COMMITS = 1000;
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' };
const server = tempDir('receive.git');
const git = (args: string[], input?: string) => {
  const r = spawnSync('git', args, { cwd: server, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout.trim();
};

git(['init', '-q', '--bare', '--initial-branch=main', server]);
// main with one commit, then 1,000 commits that exist as objects but on no ref yet: what a push brings.
let t = 1_700_000_000;
const commit = (ref: string, message: string, from?: string) =>
  `commit ${ref}\ncommitter Bench <bench@example.com> ${++t} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${from ? `from ${from}\n` : ''}\n`;
const stream = [commit('refs/heads/main', 'chore: start\n')];
for (let i = 0; i < COMMITS; i++) stream.push(commit('refs/heads/incoming', `feat(apps): change ${i}\n\nAdjusts replicas for service ${i % 50}.\n`, i === 0 ? 'refs/heads/main' : undefined));
git(['fast-import', '--quiet'], stream.join(''));
const tip = git(['rev-parse', 'refs/heads/incoming']);
git(['update-ref', '-d', 'refs/heads/incoming']);

const ZERO = '0'.repeat(40);
const cases: [string, string, number][] = [
  ['a new feature branch with 1,000 commits (all linted)', `${ZERO} ${tip} refs/heads/feature/big\n`, 0],
  ['1,000 commits straight onto main (judged and refused)', `${git(['rev-parse', 'main'])} ${tip} refs/heads/main\n`, 1],
];
console.log(`| push | median CPU s (user + sys) | median wall s |\n|---|---:|---:|`);
for (const [name, input, expected] of cases) {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e', process.execPath, TRUNK, 'hook', 'pre-receive'], { cwd: server, env, input, encoding: 'utf8' });
    if (r.status !== expected) throw new Error(`${name}: exit ${r.status}, expected ${expected}: ${r.stderr}`);
    const [user, sys, elapsed] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu.push(user + sys);
    wall.push(elapsed);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| ${name} | ${median(cpu).toFixed(2)} | ${median(wall).toFixed(2)} |`);
}
