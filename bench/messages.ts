// npm run bench (part 5): hostile messages. Wall time of the server's pre-receive for a push of one commit with a
// 5,000-character subject and of one with a 10 MB body, and of commit-msg on a 10 MB body. Median of runs, in s.
// BENCH_TRUNK=<path to a trunk.mjs> measures another build (e.g. one from before the bounds), BENCH_TIMEOUT=<s>
// caps each run (a capped run is reported as "> cap").
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, makeRepo, TRUNK } from '../test/helpers/repo.js';
import { benchServer } from './bare.js';
import { median } from './measure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 600);
const trunk = process.env.BENCH_TRUNK ?? TRUNK;
const env = { ...cleanEnv(), NODE_EXTRA_CA_CERTS: '' };

// The parser's slowest kinds: no space, no `#`. The body's lines are within commitlint's 100 characters.
const SUBJECT = `feat: ${'a'.repeat(4994)}`;
const BODY = `feat: add ingress\n\n${`${'a'.repeat(99)}\n`.repeat(105_000)}`;

const { dir: server, incoming: chain } = benchServer('messages.git', env);
/** A commit with `message` on main, as an object on no ref: what a push brings. */
const incoming = (message: string) => `${'0'.repeat(40)} ${chain([message])[0]} refs/heads/feature/hostile\n`;

const repo = await makeRepo();
const file = join(repo.dir, '.git/COMMIT_EDITMSG');
const cases: [string, string[], string, string | undefined][] = [
  ['pre-receive, a 5,000-character subject', ['hook', 'pre-receive'], server, incoming(SUBJECT)],
  ['pre-receive, a 10 MB body', ['hook', 'pre-receive'], server, incoming(BODY)],
  ['commit-msg, a 10 MB body', ['hook', 'commit-msg', file], repo.dir, undefined],
];
writeFileSync(file, BODY);

console.log(
  `${trunk === TRUNK ? 'this build' : trunk}, ${RUNS} runs\n\n| hostile message | median wall s | exit |\n|---|---:|---:|`,
);
for (const [name, args, cwd, input] of cases) {
  const wall: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [trunk, ...args], {
      cwd,
      env,
      input,
      encoding: 'utf8',
      timeout: TIMEOUT * 1000,
      maxBuffer: 1 << 28,
    });
    wall.push(r.signal ? Infinity : (performance.now() - start) / 1000);
    status = r.status;
    if (r.signal) break; // one capped run says enough
  }
  const m = median(wall);
  console.log(`| ${name} | ${Number.isFinite(m) ? m.toFixed(2) : `> ${TIMEOUT}`} | ${status ?? 'killed'} |`);
}
