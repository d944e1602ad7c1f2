// The command line as a new user meets it: every command and subcommand answers --help with its own usage, and a
// misspelt flag, a missing value or a stray argument is a usage error (exit 2) that names it and does nothing.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { colourFor, forTerminal } from '../../src/cli/colour.js';
import { formatError } from '../../src/cli/report.js';
import { errors } from '../../src/errors.js';
import { cleanEnv, initRepo, makeRepo, PROJECT, run, tempDir, TRUNK, type Repo } from '../helpers/repo.js';

const test = suite('command line');

const trunk = (args: string[], cwd: string) => run(process.execPath, [TRUNK, ...args], { cwd });

/** [arguments, the usage line its --help starts with]. */
const HELP: [string[], string][] = [
  [['release'], 'Usage: trunk release [--dry-run]'],
  [['notes'], 'Usage: trunk notes [--from REF]'],
  [['env', 'status'], 'Usage: trunk env status [--all]'],
  [['env', 'diff'], 'Usage: trunk env diff <from> <to>'],
  [['env', 'promote'], 'Usage: trunk env promote <env>'],
  [['env', 'pin'], 'Usage: trunk env pin <env> <tag>'],
  [['env', 'unpin'], 'Usage: trunk env unpin <env>'],
  [['env', 'manifests'], 'Usage: trunk env manifests [--tool argocd|flux]'],
  [['check'], 'Usage: trunk check [--base REF]'],
  [['lint'], 'Usage: trunk lint --message FILE'],
  [['doctor'], 'Usage: trunk doctor [--forge]'],
  [['config'], 'Usage: trunk config [--json]'],
  [['server'], 'Usage: trunk server install <bare repo>'],
  [['server', 'install'], 'Usage: trunk server install <bare repo>'],
  [['hook', 'pre-commit'], 'Usage: trunk hook pre-commit'],
  [['hook', 'commit-msg'], 'Usage: trunk hook commit-msg <message file>'],
  [['hook', 'pre-push'], 'Usage: trunk hook pre-push <remote> <url>'],
  [['hook', 'post-merge'], 'Usage: trunk hook post-merge'],
  [['hook', 'pre-receive'], 'Usage: trunk hook pre-receive'],
  [['env'], '  trunk env diff <from> <to>'],
  [['hook'], '  trunk hook commit-msg <message file>'],
  [[], '  trunk env promote <env>'],
];

for (const [args, line] of HELP)
  test(`trunk ${[...args, '--help'].join(' ')} prints its own usage, outside any repository too`, async () => {
    for (const flag of ['--help', '-h']) {
      const r = await trunk([...args, flag], tempDir('nowhere'));
      assert.is(r.code, 0, r.stderr);
      assert.ok(r.stdout.startsWith(line) || r.stdout.includes(`\n${line}`), r.stdout);
      assert.is(r.stderr, '');
    }
  });

test('trunk-init --help prints its usage and writes nothing', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--help']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage: npx trunk-init \[--yes\] \[--dry-run\]/);
  assert.match(r.stdout, ' [--uninstall [--purge]] ', 'a nested group is never broken across lines');
  assert.match(r.stdout, '  --no-install  ');
  assert.not.ok(existsSync(join(repo.dir, 'package.json')) || existsSync(join(repo.dir, '.husky')));
});

/** [arguments, what the one line names]; each is exit 2, writes nothing and is no internal error. */
const USAGE_ERRORS: [string[], string][] = [
  [['release', '--dryrun'], 'unknown flag --dryrun: did you mean --dry-run?'],
  [['release', '--jsno'], 'unknown flag --jsno: did you mean --json?'],
  [['release', '--prerelase', 'rc'], 'unknown flag --prerelase: did you mean --prerelease?'],
  [
    ['release', '--frobnicate'],
    'unknown flag --frobnicate: trunk release takes --dry-run, --json, --push, --release-as, --prerelease, --force, --reason.',
  ],
  [['release', 'now'], 'unexpected argument "now": trunk release takes no arguments.'],
  [['release', '--push=yes'], '--push takes no value.'],
  [['notes', '--from'], '--from needs a value.'],
  [['notes', '--from', '--json'], '--from needs a value (one that starts with "-" is written --from=-value).'],
  [['config', 'trunk'], 'unexpected argument "trunk": trunk config takes no arguments.'],
  [['doctor', '--frge'], 'unknown flag --frge: did you mean --forge?'],
  [['check', '--bsae', 'main'], 'unknown flag --bsae: did you mean --base?'],
  [['lint', '--mesage', 'm.txt'], 'unknown flag --mesage: did you mean --message?'],
  [['env', 'stauts'], '"stauts" is not a trunk env command; did you mean "status"?'],
  [['env', '--jsn'], 'unknown flag --jsn: did you mean --json?'],
  [['env', 'diff', 'qa', 'prod', 'dev'], 'unexpected argument "dev": trunk env diff takes <from> <to> only.'],
  [['env', 'promote', 'prod', '--dry'], 'unknown flag --dry: did you mean --dry-run?'],
  [['env', 'unpin', 'prod', 'v1.0.0'], 'unexpected argument "v1.0.0": trunk env unpin takes <env> only.'],
  [['env', 'manifests', '--tol', 'flux'], 'unknown flag --tol: did you mean --tool?'],
  [['server', 'instal', '/srv/x.git'], '"instal" is not a trunk server command; did you mean "install"?'],
  [['server', 'install', '/srv/x.git', '--deny-rewrite'], 'unknown flag --deny-rewrite: did you mean --deny-rewrites?'],
  [['hook', 'pre-comit'], '"pre-comit" is not a hook trunk runs; did you mean "pre-commit"?'],
  [['relase'], '"relase" is not a trunk command; did you mean "release"?'],
];

let repo: Repo;
test.before(async () => {
  repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.commit('feat: something to release');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--ff-only', 'feature/a');
});

for (const [args, line] of USAGE_ERRORS)
  test(`trunk ${args.join(' ')}: exit 2, "${line}"`, async () => {
    const before = await repo.releaseState();
    const r = await repo.trunk(args);
    assert.is(r.code, 2, r.stderr);
    const [first, fix, ...more] = r.stderr.trimEnd().split('\n');
    assert.is(first, `trunk: ${line}`);
    assert.match(fix, /^ {2}fix: .*(--help|install)/);
    assert.equal(more, []);
    assert.equal(await repo.releaseState(), before);
  });

test('trunk-init --dryrun (a typo) is a usage error naming --dry-run, and writes nothing', async () => {
  const fresh = await initRepo();
  for (const args of [['--dryrun'], ['--no-instal'], ['now']]) {
    const r = await fresh.trunkInit(args);
    assert.is(r.code, 2, r.stderr);
    assert.not.match(r.stderr, 'internal error');
    assert.not.ok(
      existsSync(join(fresh.dir, 'package.json')) || existsSync(join(fresh.dir, '.husky')),
      `${args} wrote files`,
    );
  }
  assert.match(
    (await fresh.trunkInit(['--dryrun'])).stderr,
    'trunk: unknown flag --dryrun: did you mean --dry-run?\n  fix: npx trunk-init --help',
  );
  assert.match(
    (await fresh.trunkInit(['now'])).stderr,
    'unexpected argument "now": npx trunk-init takes no arguments.',
  );
});

test("a hook takes git's arguments as they come: post-merge its squash flag, pre-commit the files a hook manager adds", async () => {
  await repo.git('switch', '-q', 'feature/a');
  for (const args of [
    ['post-merge', '0'],
    ['pre-commit', 'a.yaml', '--all-files'],
  ]) {
    const r = await repo.trunk(['hook', ...args]);
    assert.is(r.code, 0, r.stderr);
  }
});

test('an internal error links to the issue tracker package.json names; a usage error is no internal error', () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
  assert.is(pkg.bugs.url, 'https://github.com/trunk-init/trunk-init/issues');
  assert.is(pkg.repository.url, 'git+https://github.com/trunk-init/trunk-init.git');
  const bug = formatError(new TypeError("Cannot read properties of undefined (reading 'sha')"), false);
  assert.is(
    bug.split('\n')[0],
    "trunk: internal error (a bug in trunk-init): Cannot read properties of undefined (reading 'sha')",
  );
  assert.match(bug, `please report it at ${pkg.bugs.url}, `);
  assert.not.match(formatError(errors.usage('unknown flag --x.', 'trunk --help'), false), /internal error|report/);
});

test('colour only on a terminal: NO_COLOR turns it off, FORCE_COLOR on, as the ecosystem does', () => {
  const cases: [boolean, NodeJS.ProcessEnv, boolean][] = [
    [false, {}, false],
    [true, {}, true],
    [true, { TERM: 'dumb' }, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ];
  for (const [isTTY, env, expected] of cases)
    assert.is(colourFor({ isTTY }, env), expected, `${isTTY ? 'tty' : 'pipe'} ${JSON.stringify(env)}`);
});

test("colour codes in what is printed are removed whole; trunk's own marks are coloured only when asked", () => {
  const frame = '\x1b[0m\x1b[31m\x1b[1m>\x1b[22m\x1b[39m\x1b[90m 1 |\x1b[39m {bad';
  assert.is(forTerminal(frame, false), '> 1 | {bad');
  assert.is(forTerminal(frame, true), '> 1 | {bad');
  assert.is(forTerminal('✔ git 2.43\n  ✖ hooks', false), '✔ git 2.43\n  ✖ hooks');
  assert.is(forTerminal('✔ git 2.43\n  ✖ hooks', true), '\x1b[32m✔\x1b[39m git 2.43\n  \x1b[31m✖\x1b[39m hooks');
  assert.is(forTerminal('{"subject":"✔ done"}', true), '{"subject":"✔ done"}');
  assert.is(forTerminal('clear \x1b[2J title \x1b]0;x\x07', true), 'clear [2J title ]0;x');
});

test('trunk doctor colours its marks with FORCE_COLOR, never in a pipe or under NO_COLOR', async () => {
  const dir = tempDir('colour');
  await run('git', ['init', '-q', dir], { cwd: dir });
  const forced = await run(process.execPath, [TRUNK, 'doctor'], { cwd: dir, env: { FORCE_COLOR: '1' } });
  assert.match(forced.stderr, '\x1b[31m✖\x1b[39m core.hooksPath is not set');
  for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: '1' }, { CI: 'true' }] as Record<string, string>[]) {
    const plain = await run(process.execPath, [TRUNK, 'doctor'], { cwd: dir, env });
    assert.is(plain.code, forced.code);
    assert.match(plain.stderr, '✖ core.hooksPath is not set');
    assert.not.match(plain.stderr, '\x1b', JSON.stringify(env));
  }
});

/**
 * Runs trunk with its stdout going to `stdout` (a pipe when not given), and the reader of each stream in `closed`
 * gone before trunk writes a byte (`trunk notes | head`).
 */
function trunkWith(
  args: string[],
  cwd: string,
  { stdout, closed = [] }: { stdout?: number; closed?: ('stdout' | 'stderr')[] },
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TRUNK, ...args], {
      cwd,
      env: cleanEnv(),
      stdio: ['ignore', stdout ?? 'pipe', 'pipe'],
    });
    for (const name of closed) child[name]!.destroy();
    let stderr = '';
    if (!closed.includes('stderr')) child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** What node prints for an error nothing handled: its source line, or a stack frame. */
const CRASH = /EPIPE|node:|^\s+at /m;

test('a reader that stops reading ends no command with a stack trace, and cuts no release short', async () => {
  const repo = await makeRepo();
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  repo.write('trunk.config.json', JSON.stringify({ release: { onMerge: 'off' } }));
  await repo.git('add', 'trunk.config.json');
  await repo.git('commit', '-qm', 'feat: ingress for the api', '--no-verify');
  for (const args of [['notes'], ['release', '--dry-run', '--json'], ['config', '--json']]) {
    const r = await trunkWith(args, repo.dir, { closed: ['stdout'] });
    assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.not.match(r.stderr, CRASH, args.join(' '));
  }
  // The release goes on to its tag with both streams gone (`trunk release 2>&1 | head -1`).
  const r = await trunkWith(['release'], repo.dir, { closed: ['stdout', 'stderr'] });
  assert.is(r.code, 0);
  assert.is(await repo.git('log', '-1', '--format=%s'), 'chore(release): v1.1.0');
  assert.is(await repo.git('rev-parse', 'v1.1.0^{commit}'), await repo.sha());
});

test('output that cannot be written (a full disk) is an error, said once on stderr', async () => {
  const repo = await makeRepo();
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: a', '--no-verify');
  for (const args of [['notes'], ['release', '--dry-run', '--json']]) {
    const full = openSync('/dev/full', 'w');
    const r = await trunkWith(args, repo.dir, { stdout: full }).finally(() => closeSync(full));
    assert.is(r.code, 2, args.join(' '));
    assert.match(
      r.stderr,
      /^trunk: could not write to stdout \(ENOSPC[^\n]*\): the output is incomplete\.\n {2}fix: run again with stdout somewhere writable$/m,
    );
    assert.is(r.stderr.match(/could not write/g)?.length, 1, r.stderr);
    assert.not.match(r.stderr, CRASH);
  }
});

test.run();
