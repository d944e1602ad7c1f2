// A repository with no commitlint config at all is linted with @commitlint/config-conventional, the preset trunk-init
// installs, with commitlint's own verdict for it; trunk doctor and trunk config say the default is in use.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initRepo, makeRepo, PROJECT, run, tempDir, TRUNK } from '../helpers/repo.js';

const test = suite('no commitlint config');
const DEFAULT = "no commitlint config: using @commitlint/config-conventional (trunk-init's default)";

test('a repository with a trunk config but no commitlint config: commit-msg lints with config-conventional', async () => {
  const repo = await makeRepo();
  await repo.git('switch', '-q', '-c', 'feature/a');
  await repo.git('rm', '-q', '.commitlintrc.json');
  assert.is((await repo.gitResult('commit', '-q', '-m', 'chore: leave commitlint to its defaults')).code, 0);
  const refused = await repo.commit('Added the ingress for API.');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, '✖ type may not be empty (type-empty)');
  assert.not.match(refused.stderr, 'has no rules');
  const example = /example: (.*)/.exec(refused.stderr)![1];
  assert.is((await repo.gitResult('commit', '-q', '-m', example)).code, 0, 'the suggested example passes');
  assert.equal((await repo.git('log', '--format=%s', 'main..HEAD')).split('\n'), [
    example,
    'chore: leave commitlint to its defaults',
  ]);
  const doctor = await repo.trunk(['doctor']);
  assert.match(doctor.stderr, `✔ ${DEFAULT}`);
  assert.is(doctor.code, 0, doctor.stderr);
  assert.match((await repo.trunk(['config'])).stdout, `# ${DEFAULT}`);
});

test('trunk lint in a repository with nothing installed uses trunk-init’s own config-conventional', async () => {
  const dir = tempDir('nothing-installed');
  await run('git', ['init', '-q', dir], { cwd: dir });
  const lint = (message: string) => {
    writeFileSync(join(dir, 'msg.txt'), message);
    return run(process.execPath, [TRUNK, 'lint', '--message', 'msg.txt'], { cwd: dir });
  };
  assert.is((await lint('feat: add ingress for api')).code, 0);
  const refused = await lint('feat: Add ingress.');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, '(subject-case)');
  assert.match(refused.stderr, '(subject-full-stop)');
  assert.ok(!existsSync(join(dir, 'node_modules')), 'nothing was installed into the repository');
});

test("the verdict is commitlint's own with config-conventional, rule for rule", async () => {
  const repo = await initRepo();
  const cli = join(PROJECT, 'node_modules/@commitlint/cli/cli.js');
  const messages = [
    'feat(api)!: drop v1 routes\n\nBREAKING CHANGE: clients must move to v2',
    'Added the A manifest.',
    'feat: Add ingress.',
    'feature: add ingress',
    `fix: ${'a'.repeat(120)}`,
    "Merge branch 'feature/a'",
    'fix: probe\nno blank line before the body',
  ];
  let refused = 0;
  for (const message of messages) {
    repo.write('msg.txt', message);
    const ours = await repo.trunk(['lint', '--message', 'msg.txt']);
    const theirs = await run(
      process.execPath,
      [cli, '--extends', '@commitlint/config-conventional', '--edit', 'msg.txt'],
      { cwd: repo.dir },
    );
    assert.is(ours.code, theirs.code, `${message}: ${theirs.stdout}`);
    if (theirs.code !== 0) refused++;
    // commitlint names each problem's rule as [rule], trunk as (rule); colours aside.
    const rules = (text: string, pattern: RegExp) =>
      [...text.replace(/\x1b\[[0-9;]*m/g, '').matchAll(pattern)].map((m) => m[1]).sort();
    assert.equal(
      rules(ours.stderr, /\(([a-z-]+)\)$/gm),
      rules(theirs.stdout + theirs.stderr, /\[([a-z-]+)\]$/gm),
      message,
    );
  }
  assert.is(refused, 4, 'four of the messages are refused');
});

test.run();
