// npm run bench (part 3): the server's pre-receive check, run as git runs it: in the bare repository, with the ref
// lines on stdin. Pushes of 1,000 and 50,000 new commits (targets: 1,000 under 1 s of CPU; 50,000 under 5 s and
// 300 MB) and of 3,000 release-looking tags at once. Medians of runs; CPU is user + system, git included.
import { spawnSync } from 'node:child_process';
import { cleanEnv, TRUNK, tempDir } from '../test/helpers/repo.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' };
const ZERO = '0'.repeat(40);
const server = tempDir('receive.git');
const git = (args: string[], input?: string) => {
  const r = spawnSync('git', args, { cwd: server, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout.trim();
};

git(['init', '-q', '--bare', '--initial-branch=main', server]);
// main with one commit, then commits that exist as objects but on no ref yet: what a push brings.
let t = 1_700_000_000;
const commit = (ref: string, message: string, from?: string) =>
  `commit ${ref}\ncommitter Bench <bench@example.com> ${++t} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${from ? `from ${from}\n` : ''}\n`;
/** A chain of `count` new commits on main's tip, left on no ref; returns its tip and every sha, oldest first. */
function incoming(count: number): { tip: string; shas: string[] } {
  const stream = [];
  for (let i = 0; i < count; i++) stream.push(commit('refs/heads/incoming', `feat(apps): change ${i}\n\nAdjusts replicas for service ${i % 50}.\n`, i === 0 ? 'refs/heads/main' : undefined));
  git(['fast-import', '--quiet'], stream.join(''));
  const shas = git(['rev-list', '--reverse', 'refs/heads/incoming', '^refs/heads/main']).split('\n');
  git(['update-ref', '-d', 'refs/heads/incoming']);
  return { tip: shas.at(-1)!, shas };
}
git(['fast-import', '--quiet'], commit('refs/heads/main', 'chore: start\n'));
const main = git(['rev-parse', 'main']);
const small = incoming(1000);
const large = incoming(50_000);
// 3,000 release-looking tags, one per commit of a merged history: main moves to the small chain in the same push.
const tags = small.shas.slice(0, 1000).flatMap((sha, i) => [`v1.${i}.0`, `v1.${i}.1`, `v1.${i}.2`].map((name) => `${ZERO} ${sha} refs/tags/${name}`));

const cases: [string, string, number][] = [
  ['a new feature branch with 1,000 commits (all linted)', `${ZERO} ${small.tip} refs/heads/feature/big\n`, 0],
  ['1,000 commits straight onto main (judged and refused)', `${main} ${small.tip} refs/heads/main\n`, 1],
  ['a new feature branch with 50,000 commits (all linted)', `${ZERO} ${large.tip} refs/heads/feature/huge\n`, 0],
  ['50,000 commits straight onto main (judged and refused)', `${main} ${large.tip} refs/heads/main\n`, 1],
  ['3,000 release-looking tags on 1,000 commits (judged and refused)', `${tags.join('\n')}\n`, 1],
];
console.log(`| push | median CPU s (user + sys) | median wall s | median peak MB |\n|---|---:|---:|---:|`);
for (const [name, input, expected] of cases) {
  const cpu: number[] = [];
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e %M', process.execPath, TRUNK, 'hook', 'pre-receive'], { cwd: server, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== expected) throw new Error(`${name}: exit ${r.status}, expected ${expected}: ${r.stderr.slice(0, 2000)}`);
    const [user, sys, elapsed, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu.push(user + sys);
    wall.push(elapsed);
    rss.push(kb / 1024);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| ${name} | ${median(cpu).toFixed(2)} | ${median(wall).toFixed(2)} | ${median(rss).toFixed(0)} |`);
}
