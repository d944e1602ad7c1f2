// npm run bench: what hooks add to every `git commit`, measured side by side in one run (rounds interleave the
// variants, so machine noise hits them alike). Medians in ms; "added" = median - median of a commit without hooks.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, initRepo, makeRepo, PROJECT, tempDir, type Repo } from '../test/helpers/repo.js';
import { interleaved } from './measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// Like for like: some machines (these included) set NODE_EXTRA_CA_CERTS, which costs every node start ~35 ms and
// which a developer's machine does not set (our hooks unset it). Every variant, node -e 0 included, runs without it.
const { NODE_EXTRA_CA_CERTS: _certs, ...env } = cleanEnv();

/** A repository whose commit-msg hook is husky running commitlint's CLI (`command`), as most teams set it up. */
async function huskyCommitlint(command: string): Promise<Repo> {
  const repo = await initRepo(tempDir('husky'));
  rmSync(join(repo.dir, 'node_modules'));
  symlinkSync(join(PROJECT, 'node_modules'), join(repo.dir, 'node_modules'));
  writeFileSync(join(repo.dir, '.commitlintrc.json'), '{ "extends": ["@commitlint/config-conventional"] }\n');
  mkdirSync(join(repo.dir, '.husky'));
  writeFileSync(join(repo.dir, '.husky/commit-msg'), `${command} --edit "$1"\n`);
  chmodSync(join(repo.dir, '.husky/commit-msg'), 0o755);
  const husky = spawnSync(process.execPath, ['-e', "import('husky').then((m) => process.stdout.write(m.default()))"], {
    cwd: repo.dir,
    env,
    encoding: 'utf8',
  });
  if (husky.status !== 0 || husky.stdout) throw new Error(`husky install failed: ${husky.stdout}${husky.stderr}`);
  return repo;
}

/** trunk-init's hooks as installed, whose CLI is an empty file: husky's wrappers, the shims and two node starts,
 * the floor under any check written in node. */
async function emptyChecks(): Promise<Repo> {
  const repo = await makeRepo();
  const pkg = tempDir('empty-cli');
  mkdirSync(join(pkg, 'hooks'));
  mkdirSync(join(pkg, 'dist'));
  copyFileSync(join(PROJECT, 'hooks/lib.sh'), join(pkg, 'hooks/lib.sh'));
  writeFileSync(join(pkg, 'dist/hook.cjs'), '');
  rmSync(join(repo.dir, 'node_modules'));
  mkdirSync(join(repo.dir, 'node_modules'));
  symlinkSync(pkg, join(repo.dir, 'node_modules/trunk-init'));
  return repo;
}

async function noHooks(): Promise<Repo> {
  const repo = await initRepo(tempDir('bare'));
  await repo.git('commit', '-q', '--allow-empty', '-m', 'chore: start');
  return repo;
}

interface Variant {
  name: string;
  repo: Repo | null;
  env: Record<string, string>;
}
const husky = await huskyCommitlint('commitlint');
const ours = await makeRepo();
const bare = await noHooks();
const variants: Variant[] = [
  { name: 'node -e 0', repo: null, env },
  { name: 'git commit, no hooks', repo: bare, env },
  { name: 'husky + commitlint CLI (message only)', repo: husky, env },
  { name: 'husky + npx commitlint (message only)', repo: await huskyCommitlint('npx --no -- commitlint'), env },
  { name: 'trunk-init hooks (branch policy + message)', repo: ours, env },
  { name: 'trunk-init hooks running an empty file (the floor)', repo: await emptyChecks(), env },
];
for (const v of variants) if (v.repo) await v.repo.git('switch', '-q', '-c', 'feature/bench');

let commits = 0;
const commit = (v: Variant) => () => {
  const r = v.repo
    ? spawnSync('git', ['commit', '-q', '--allow-empty', '-m', `feat: bench ${++commits}`], {
        cwd: v.repo.dir,
        env: v.env,
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, ['-e', '0'], { env: v.env });
  if (r.status !== 0) throw new Error(`${v.name} failed: ${r.stderr}`);
};
const m = await interleaved(
  ROUNDS,
  variants.map((v) => [v.name, commit(v)] as const),
);
const base = m.get('git commit, no hooks')!;
const node = m.get('node -e 0')!;
const added = (name: string) => m.get(name)! - base;
console.log(
  `${ROUNDS} rounds, medians in ms\n\n| variant | median | added to a commit | added / node -e 0 |\n|---|---:|---:|---:|`,
);
for (const v of variants) {
  const hooked = v.repo !== null && v.repo !== bare;
  console.log(
    `| ${v.name} | ${m.get(v.name)!.toFixed(0)} | ${hooked ? added(v.name).toFixed(0) : ''} | ${hooked ? `${(added(v.name) / node).toFixed(2)}×` : ''} |`,
  );
}
const ourAdded = added('trunk-init hooks (branch policy + message)');
const floor = added('trunk-init hooks running an empty file (the floor)');
console.log(
  `\ntrunk-init hooks add ${(ourAdded / node).toFixed(2)}× a node -e 0 start (target ≤ 4×); they are ` +
    `${(added('husky + commitlint CLI (message only)') / ourAdded).toFixed(1)}× faster than husky + commitlint's CLI (target ≥ 3×), ` +
    'every variant without NODE_EXTRA_CA_CERTS. ' +
    `The floor (husky's wrappers, the shims, two node starts) adds ${(floor / node).toFixed(2)}×; ` +
    `the checks themselves ${(ourAdded - floor).toFixed(0)} ms.`,
);
