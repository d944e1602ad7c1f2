// Promotion gates in real repositories at the real time: freeze windows built around now, soak times from tags
// created in the past (GIT_COMMITTER_DATE dates the tagger), refusals with the time they reopen, and
// `--force --reason` recorded in git (the tag's message, or the commit that lands a config promotion).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { initRepo, run, tempDir, TRUNK, type Repo, addOrigin, initWith } from '../helpers/repo.js';
import { hookedServer } from '../helpers/server.js';

const test = suite('promotion gates');
const HOUR = 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A repository set up by trunk-init with `flags`, pushed to a bare remote; then `promotion` given to `env`. */
async function gated(flags: string[], env: string, promotion: object): Promise<Repo> {
  const repo = await initWith(flags);
  const config = JSON.parse(repo.read('trunk.config.json'));
  config.environments.find((e: { name: string }) => e.name === env).promotion = promotion;
  repo.write('trunk.config.json', JSON.stringify(config, null, 2));
  await repo.git('commit', '-qam', 'chore: promotion gates', '--no-verify');
  return repo;
}

async function merge(repo: Repo, name: string, message: string) {
  const r = await repo.mergeFeature(name, message);
  assert.is(r.code, 0, r.stderr);
  return r;
}

/** An instant, whole minutes, as the config writes it (UTC). */
const minute = (t: number) => new Date(Math.ceil(t / 60_000) * 60_000);
const isoMinute = (t: number) => minute(t).toISOString().replace(':00.000Z', 'Z');
/** "HH:MM" in `zone`, by Intl alone. */
const clock = (t: number, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    minute(t),
  );
const utcDay = (t: number) => `${WEEKDAYS[minute(t).getUTCDay()]} ${minute(t).toISOString().slice(0, 10)}`;

const message = (repo: Repo, tag: string) => repo.git('tag', '-l', '--format=%(contents)', tag);
const trailer = (repo: Repo, tag: string, key: string) =>
  repo.git('tag', '-l', `--format=%(trailers:key=${key},valueonly,unfold)`, tag);

test('done when: a promotion inside a freeze window is refused with the time it reopens; --force --reason is recorded in the tag', async () => {
  const now = Date.now();
  const until = now + 2 * HOUR;
  const repo = await gated(['--envs', '3', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git'], 'prod', {
    timeZone: 'Europe/Berlin',
    freeze: [{ name: 'launch week', from: isoMinute(now - HOUR), to: isoMinute(until) }],
  });
  // The release moves qa, not the frozen prod: it is cut.
  assert.match((await merge(repo, 'feature/a', 'feat: checkout')).stderr, 'released v1.0.0-rc.1');

  const refused = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(refused.code, 1, refused.stderr);
  const reopens = `${clock(until, 'Europe/Berlin')} Europe/Berlin (`;
  assert.match(refused.stderr, 'trunk: cannot promote prod: its promotion gates are closed; it can be promoted from ');
  assert.match(refused.stderr, `freeze: frozen until `);
  assert.match(refused.stderr, reopens);
  assert.match(refused.stderr, `${clock(until, 'UTC')} UTC)`);
  assert.match(refused.stderr, 'by "launch week"');
  assert.match(
    refused.stderr,
    'fix: wait until then, or override and record why: trunk env promote prod --force --reason "…"',
  );
  assert.is(await repo.git('tag', '--list', 'v1.0.0'), '');
  const json = await repo.trunk(['env', 'promote', 'prod', '--dry-run', '--json']);
  assert.is(json.code, 1);
  const held = JSON.parse(json.stdout);
  assert.equal([held.promoted, held.gates.open, held.gates.gates[0].gate], [false, false, 'freeze']);
  assert.is(held.gates.opensAt, minute(until).toISOString());

  const status = await repo.trunk(['env']);
  assert.match(status.stdout, /\ngates\n {2}prod {2}freeze: frozen until .* by "launch week"/);
  assert.match(status.stdout, 'next: trunk env promote prod → tags');
  assert.match(status.stdout, "held now by prod's gates (below)");
  const statusJson = JSON.parse((await repo.trunk(['env', '--json'])).stdout);
  const prod = statusJson.environments.find((e: { name: string }) => e.name === 'prod');
  assert.equal([prod.gates.timeZone, prod.gates.open], ['Europe/Berlin', false]);
  assert.is(statusJson.environments.find((e: { name: string }) => e.name === 'qa').gates, null);

  const noReason = await repo.trunk(['env', 'promote', 'prod', '--force']);
  assert.is(noReason.code, 2);
  assert.match(noReason.stderr, '--force needs --reason: the override is recorded in git with who made it and why.');
  const noForce = await repo.trunk(['env', 'promote', 'prod', '--reason', 'x']);
  assert.is(noForce.code, 2);
  assert.match(noForce.stderr, '--reason goes with --force');
  assert.is(await repo.git('tag', '--list', 'v1.0.0'), '');

  const forced = await repo.trunk(
    ['env', 'promote', 'prod', '--push', '--force', '--reason', 'INC-42: the\ncheckout fix'],
    {
      env: { GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'alice' },
    },
  );
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, 'trunk: overrode the closed gates of prod, recorded in the message of v1.0.0:');
  assert.is(await repo.sha('v1.0.0^{commit}'), await repo.sha('v1.0.0-rc.1^{commit}'));
  const text = await message(repo, 'v1.0.0');
  assert.match(
    text,
    /^## 1\.0\.0 .*\n[^]*\* checkout [0-9a-f]{7}\n\nTrunk-Override: freeze window "launch week" \(prod\), frozen until /,
  );
  assert.match(text, `frozen until ${minute(until).toISOString().replace('.000Z', 'Z')}\n`);
  assert.is(await trailer(repo, 'v1.0.0', 'Override-Reason'), 'INC-42: the checkout fix');
  assert.is(await trailer(repo, 'v1.0.0', 'Override-By'), 'Test <test@example.com> (GitHub Actions: alice)');
  // The record is the tag's; the notes and the changelog stay what users read.
  assert.not.match(repo.read('CHANGELOG.md'), 'Override');
  const diff = await repo.trunk(['env', 'diff', 'qa', 'prod']);
  assert.not.match(diff.stdout, 'Override');
});

test('a soak time refuses the promotion of a candidate too young, saying how long it ran and until when', async () => {
  const repo = await gated(['--envs', '3'], 'prod', { soak: '24h' });
  await repo.git('commit', '-q', '--allow-empty', '-m', 'feat: search', '--no-verify');
  const created = Math.floor(Date.now() / 1000) - 3 * 3600;
  const dated = { GIT_COMMITTER_DATE: `@${created} +0000` };
  assert.is((await repo.gitWith(dated, 'tag', '-a', 'v1.0.0-rc.1', '-m', 'v1.0.0-rc.1')).code, 0);

  const refused = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(refused.code, 1, refused.stderr);
  const opens = created * 1000 + 24 * HOUR;
  assert.match(
    refused.stderr,
    new RegExp(
      `  soak: qa has run v1\\.0\\.0-rc\\.1 for 3h( 1m)? of the required 24h, until ${utcDay(opens)} ${clock(opens, 'UTC')} UTC\n`,
    ),
  );
  const status = await repo.trunk(['env']);
  assert.match(
    status.stdout,
    /gates\n {2}prod {2}soak: qa has run v1\.0\.0-rc\.1 for 3h( 1m)? of the required 24h, until /,
  );

  const forced = await repo.trunk(['env', 'promote', 'prod', '--force', '--reason', 'demo for the board']);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(
    await message(repo, 'v1.0.0'),
    /\nTrunk-Override: soak \(prod\): qa had run v1\.0\.0-rc\.1 for 3h( 1m)? of the required 24h\nOverride-Reason: demo for the board\nOverride-By: Test <test@example.com>$/,
  );

  // A candidate whose tag is older than the soak is promoted as usual, with no record.
  await repo.git('commit', '-q', '--allow-empty', '-m', 'fix: search ranking', '--no-verify');
  const old = { GIT_COMMITTER_DATE: `@${Math.floor(Date.now() / 1000) - 25 * 3600} +0000` };
  assert.is((await repo.gitWith(old, 'tag', '-a', 'v1.0.1-rc.1', '-m', 'v1.0.1-rc.1')).code, 0);
  assert.match((await repo.trunk(['env'])).stdout, /soak: qa has run v1\.0\.1-rc\.1 for 1d 1h \(24h required\)/);
  const promoted = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(promoted.code, 0, promoted.stderr);
  assert.not.match(await message(repo, 'v1.0.1'), 'Override');
  const again = await repo.trunk(['env', 'promote', 'prod', '--force', '--reason', 'nothing to override']);
  assert.is(again.code, 1, 'nothing new to promote: the gates do not change that');
});

test('a release into a frozen environment is refused by trunk release and the post-merge hook; --force --reason records it in the release tag, not the changelog', async () => {
  const now = Date.now();
  const today = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(now).getUTCDay()];
  const repo = await gated(['--envs', '2'], 'prod', { freeze: [{ days: [today] }] });
  const midnight = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate() + 1,
  );
  const reopens = `${utcDay(midnight)} 00:00 UTC`;
  const merged = await merge(repo, 'feature/a', 'feat: wishlist');
  assert.match(merged.stderr, 'trunk: the merge is done, and the release waits: v1.0.0 would move prod, frozen now;');
  assert.match(merged.stderr, `it can be released from ${reopens}:\n  freeze: frozen until ${reopens} by "${today}"`);
  assert.match(merged.stderr, 'npx trunk release --force --reason "…"');
  assert.is(await repo.git('tag', '--list'), '');

  const release = await repo.trunk(['release', '--json']);
  assert.is(release.code, 1, release.stderr);
  assert.match(
    release.stderr,
    `trunk: cannot release now: v1.0.0 would move prod, frozen now; it can be released from ${reopens}`,
  );
  const json = JSON.parse(release.stdout);
  assert.equal(
    [json.tag, json.gates[0].env, json.gates[0].open, json.gates[0].opensAt],
    ['v1.0.0', 'prod', false, new Date(midnight).toISOString()],
  );
  assert.is((await repo.trunk(['release', '--dry-run'])).code, 1, 'a dry run says what a release would do: refuse');
  assert.is(await repo.git('tag', '--list'), '');
  assert.match((await repo.trunk(['env'])).stdout, `gates\n  prod  freeze: frozen until ${reopens} by "${today}"`);

  const forced = await repo.trunk(['release', '--force', '--reason', 'security fix CVE-2026-1234']);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, 'trunk: overriding the freeze of prod; the message of v1.0.0 records it.');
  assert.match(
    await message(repo, 'v1.0.0'),
    `\n\nTrunk-Override: freeze window "${today}" (prod), frozen until ${new Date(midnight).toISOString().replace('.000Z', 'Z')}\nOverride-Reason: security fix CVE-2026-1234\nOverride-By: Test <test@example.com>`,
  );
  assert.match(repo.read('CHANGELOG.md'), '* wishlist');
  assert.not.match(repo.read('CHANGELOG.md'), 'Override');
  assert.not.match(await repo.git('log', '-1', '--format=%B'), 'Override');
  const notes = await repo.trunk(['notes', '--from', 'v1.0.0~1', '--to', 'v1.0.0']);
  assert.not.match(notes.stdout, 'Override');
});

test('a config promotion (a promoted environment) past a freeze: the landing commit carries the record as trailers', async () => {
  const now = Date.now();
  const repo = await initRepo();
  assert.is((await repo.trunkInit(['--no-install'])).code, 0);
  await addOrigin(repo);
  repo.write(
    'trunk.config.json',
    JSON.stringify({
      release: { onMerge: 'off' },
      environments: [
        { name: 'qa', track: { kind: 'stable' } },
        {
          name: 'prod',
          track: { kind: 'promoted' },
          promotion: { freeze: [{ from: isoMinute(now - HOUR), to: isoMinute(now + HOUR) }] },
        },
      ],
    }),
  );
  await repo.git('commit', '-qam', 'chore: environments', '--no-verify');
  await repo.git('push', '-q', '-u', 'origin', 'main');
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  const refused = await repo.trunk(['env', 'promote', 'prod']);
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, `freeze: frozen until ${utcDay(now + HOUR)} ${clock(now + HOUR, 'UTC')} UTC by "`);
  assert.is(JSON.parse(repo.read('trunk.config.json')).environments[1].track.tag, undefined);

  const reason = `rollout agreed with the on-call team, ${'long '.repeat(20)}reason`;
  const forced = await repo.trunk(['env', 'promote', 'prod', '--force', '--reason', reason]);
  assert.is(forced.code, 0, forced.stderr);
  assert.equal(JSON.parse(repo.read('trunk.config.json')).environments[1].track, { kind: 'promoted', tag: 'v1.0.0' });
  assert.match(forced.stderr, 'recorded in the commit that lands it (its --trailer lines)');
  // The landing step, run as printed: the commit passes the hooks' lint and carries the record.
  const land = /land it through a pull request: (.*)$/s.exec(forced.stderr)![1].trim();
  assert.match(land, " --trailer 'Trunk-Override: freeze window ");
  const landed = await run('sh', ['-c', land], { cwd: repo.dir });
  assert.is(landed.code, 0, landed.stderr);
  const body = await repo.git('log', '-1', '--format=%B');
  assert.match(
    body,
    /^chore\(env\): promote prod to v1\.0\.0\n\nTrunk-Override: freeze window ".*" \(prod\), frozen until\n /,
  );
  assert.ok(
    body.split('\n').every((line) => line.length <= 100),
    body,
  );
  assert.is(await repo.git('log', '-1', '--format=%(trailers:key=Override-Reason,valueonly,unfold)'), reason);
});

/**
 * A CI script line run as the runner runs it (bash -e), in `repo`, with `env`. The one stand-in: `npx` on PATH runs
 * the built trunk (there is no registry in tests); everything else is the generated script itself.
 */
async function runScript(repo: Repo, script: string, env: Record<string, string>) {
  const bin = tempDir('bin');
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh\n[ "$1" = trunk ] && shift\nexec "${process.execPath}" "${TRUNK}" "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return run('bash', ['-e', '-c', script], { cwd: repo.dir, env: { ...env, PATH: `${bin}:${process.env.PATH}` } });
}

test('the promote workflows honour the gates: refused in a freeze; dispatched with force and a reason, recorded with who ran it', async () => {
  const now = Date.now();
  const freeze = { freeze: [{ name: 'launch week', from: isoMinute(now - HOUR), to: isoMinute(now + 2 * HOUR) }] };
  const github = await gated(['--envs', '3', '--ci', 'github'], 'prod', freeze);
  await merge(github, 'feature/a', 'feat: a');
  assert.is((await github.trunk(['release'])).code, 0, 'qa is not frozen: the candidate is cut');
  const workflow = parse(github.read('.github/workflows/trunk-promote.yml'));
  assert.equal(
    [workflow.on.workflow_dispatch.inputs.force.type, workflow.on.workflow_dispatch.inputs.reason.type],
    ['boolean', 'string'],
  );
  const step = workflow.jobs.promote.steps.find((s: { run?: string }) => s.run?.includes('trunk env promote'));
  // The inputs reach the script as environment variables: a reason cannot inject shell code.
  assert.equal(step.env, {
    ENVIRONMENT: '${{ inputs.environment }}',
    FORCE: '${{ inputs.force }}',
    REASON: '${{ inputs.reason }}',
  });
  assert.not.match(step.run, '${{');
  const dispatch = (force: boolean, reason: string) =>
    runScript(github, step.run, {
      ENVIRONMENT: 'prod',
      FORCE: String(force),
      REASON: reason,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTOR: 'alice',
    });
  const refused = await dispatch(false, '');
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, 'trunk: cannot promote prod: its promotion gates are closed');
  assert.is((await dispatch(true, '')).code, 2, 'force without a reason is a usage error');
  const forced = await dispatch(true, 'launch approved by the CAB; $(touch pwned) `id`');
  assert.is(forced.code, 0, forced.stderr);
  assert.is(await trailer(github, 'v1.0.0', 'Override-By'), 'Test <test@example.com> (GitHub Actions: alice)');
  assert.is(await trailer(github, 'v1.0.0', 'Override-Reason'), 'launch approved by the CAB; $(touch pwned) `id`');
  assert.not.ok(existsSync(join(github.dir, 'pwned')), 'the reason ran nothing');
  assert.is(await github.git('ls-remote', '--tags', 'origin', 'v1.0.0').then((out) => out !== ''), true, 'pushed');

  const gitlab = await gated(['--envs', '3', '--ci', 'gitlab'], 'prod', freeze);
  await merge(gitlab, 'feature/a', 'feat: a');
  assert.is((await gitlab.trunk(['release'])).code, 0);
  const line = parse(gitlab.read('.gitlab-ci.yml'))['trunk-promote-prod'].script.at(-1);
  const job = (reason?: string) =>
    runScript(gitlab, line, {
      GITLAB_CI: 'true',
      GITLAB_USER_LOGIN: 'bob',
      ...(reason === undefined ? {} : { TRUNK_OVERRIDE_REASON: reason }),
    });
  assert.is((await job()).code, 1);
  const overridden = await job('hotfix for INC-7');
  assert.is(overridden.code, 0, overridden.stderr);
  assert.is(await trailer(gitlab, 'v1.0.0', 'Override-By'), 'Test <test@example.com> (GitLab CI: bob)');
});

test('the release workflows honour a freeze: the run fails saying when it reopens; force and a reason release, recorded', async () => {
  const today = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date().getUTCDay()];
  const github = await gated(['--envs', '2', '--ci', 'github'], 'prod', { freeze: [{ days: [today] }] });
  await merge(github, 'feature/a', 'feat: a');
  const workflow = parse(github.read('.github/workflows/trunk-release.yml'));
  assert.equal(Object.keys(workflow.on), ['push', 'workflow_dispatch']);
  const step = workflow.jobs.release.steps.find((s: { run?: string }) => s.run?.includes('trunk release'));
  assert.equal(step.env, { FORCE: '${{ inputs.force }}', REASON: '${{ inputs.reason }}' });
  // On a push the inputs are empty.
  const pushed = await runScript(github, step.run, { FORCE: '', REASON: '', GITHUB_ACTIONS: 'true' });
  assert.is(pushed.code, 1, pushed.stderr);
  assert.match(pushed.stderr, 'trunk: cannot release now: v1.0.0 would move prod, frozen now');
  assert.is(await github.git('tag', '--list'), '');
  const dispatched = await runScript(github, step.run, {
    FORCE: 'true',
    REASON: 'security fix',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTOR: 'carol',
  });
  assert.is(dispatched.code, 0, dispatched.stderr);
  assert.is(await trailer(github, 'v1.0.0', 'Override-By'), 'Test <test@example.com> (GitHub Actions: carol)');
  assert.is(await github.git('ls-remote', '--tags', 'origin', 'v1.0.0').then((out) => out !== ''), true, 'pushed');

  const gitlab = await gated(['--envs', '2', '--ci', 'gitlab'], 'prod', { freeze: [{ days: [today] }] });
  await merge(gitlab, 'feature/a', 'feat: a');
  const line = parse(gitlab.read('.gitlab-ci.yml'))['trunk-release'].script.at(-1);
  assert.is((await runScript(gitlab, line, { GITLAB_CI: 'true' })).code, 1);
  const overridden = await runScript(gitlab, line, {
    GITLAB_CI: 'true',
    GITLAB_USER_LOGIN: 'dan',
    TRUNK_OVERRIDE_REASON: 'security fix',
  });
  assert.is(overridden.code, 0, overridden.stderr);
  assert.is(await trailer(gitlab, 'v1.0.0', 'Override-Reason'), 'security fix');
});

test('the server hook refuses a pushed tag that moves a frozen environment unless its message records the override', async () => {
  const today = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date().getUTCDay()];
  const { repo, push, refs } = await hookedServer();
  // The environments reach the server's main through a merge, as any change does.
  await repo.git('switch', '-q', '-c', 'feature/environments');
  repo.write(
    'trunk.config.json',
    JSON.stringify({
      release: { onMerge: 'off' },
      environments: [
        { name: 'qa', track: { kind: 'branch' } },
        { name: 'prod', track: { kind: 'stable' }, promotion: { freeze: [{ name: 'today', days: [today] }] } },
      ],
    }),
  );
  await repo.git('commit', '-qam', 'chore: freeze prod today');
  await repo.git('switch', '-q', 'main');
  await repo.git('merge', '-q', '--no-ff', '-m', "Merge branch 'feature/environments'", 'feature/environments');
  assert.is((await merge(repo, 'feature/a', 'feat: a')).code, 0);
  assert.is((await push('main')).code, 0);

  // A tag made by hand, pushed past the client's hooks: the server holds the freeze.
  await repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  const before = await refs();
  const rejected = await push('v1.0.0');
  assert.is(rejected.code, 1, rejected.stderr);
  assert.match(
    rejected.stderr,
    'Release tag v1.0.0 moves prod inside a freeze window, and its message records no override.',
  );
  assert.match(rejected.stderr, 'prod freeze: frozen until ');
  assert.match(rejected.stderr, 'by "today"');
  assert.is(await refs(), before, 'nothing on the server changed');
  await repo.git('tag', '-d', 'v1.0.0');
  await repo.git('tag', 'v1.0.0');
  assert.is((await push('v1.0.0')).code, 1, 'a lightweight tag has no message to record an override in');
  await repo.git('tag', '-d', 'v1.0.0');
  // A prerelease moves no stable environment: nothing frozen, accepted.
  await repo.git('tag', '-a', 'v1.0.0-rc.1', '-m', 'v1.0.0-rc.1');
  assert.is((await push('v1.0.0-rc.1')).code, 0);

  // The release cut with the override pushes its tag through both hooks (the client's pre-push runs too).
  const forced = await repo.trunk(['release', '--push', '--force', '--reason', 'hotfix for INC-9']);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(
    (await run('git', ['tag', '-l', '--format=%(trailers:key=Override-Reason,valueonly)', 'v1.0.0'], { cwd: repo.dir }))
      .stdout,
    'hotfix for INC-9',
  );
  assert.match(await refs(), 'refs/tags/v1.0.0 ');
});

test.run();
