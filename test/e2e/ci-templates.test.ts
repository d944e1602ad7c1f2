import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { FORGES } from '../../src/cli/forges/registry.js';
import { initRepo, type Repo } from '../helpers/repo.js';

const test = suite('trunk-init --ci');

/** The problems action-validator (SchemaStore's workflow schema, closed: a misspelled key fails) finds in `file`. */
const workflowErrors = (repo: Repo, file: string) => validateWorkflow(repo.read(file)).errors;

test('--ci github writes workflows that validate against the GitHub workflow schema, and the forge rules', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', '--ci', 'github']);
  assert.is(r.code, 0, r.stderr);
  for (const file of ['.github/workflows/trunk-check.yml', '.github/workflows/trunk-release.yml']) {
    assert.equal(workflowErrors(repo, file), [], file);
    assert.not.match(repo.read(file), '__TRUNK__');
  }
  repo.write('misspelled.yml', repo.read('.github/workflows/trunk-check.yml').replace('runs-on:', 'runs-onn:'));
  assert.ok(workflowErrors(repo, 'misspelled.yml').length > 0, 'the validator is strict: a misspelled key fails');
  const check = parse(repo.read('.github/workflows/trunk-check.yml'));
  // The file and the checkout come from the base: a pull request can neither rewrite the check nor run in it.
  assert.equal(Object.keys(check.on), ['pull_request_target']);
  assert.equal(check.on.pull_request_target.branches, ['main']);
  assert.equal(check.permissions, { contents: 'read', statuses: 'write' });
  // The required "trunk check" is the commit status the job's last step posts on the head, whatever came before.
  const report = check.jobs['trunk-check'].steps.at(-1);
  assert.is(report.if, 'always()');
  assert.match(report.run, '\\"context\\":\\"trunk check\\"');
  assert.equal(check.jobs['trunk-check'].steps[0].with, {
    ref: '${{ github.event.pull_request.base.sha }}',
    'fetch-depth': 0,
    'persist-credentials': false,
  });
  assert.ok(
    !existsSync(join(repo.dir, '.github/workflows/trunk-manifests.yml')),
    'no manifests, no manifests workflow',
  );
  const release = parse(repo.read('.github/workflows/trunk-release.yml'));
  assert.equal(release.permissions, { contents: 'write' });
  assert.match(release.jobs.release.if, "startsWith(github.event.head_commit.message, 'chore(release):')");
  const trunk = JSON.parse(repo.read('.github/rulesets/trunk.json'));
  assert.equal(trunk.conditions.ref_name.include, ['refs/heads/main']);
  assert.equal(
    trunk.rules.map((rule: { type: string }) => rule.type),
    ['deletion', 'non_fast_forward', 'pull_request', 'required_status_checks'],
  );
  // Pinned to GitHub Actions: a "trunk check" status posted through the API with someone's own token does not count.
  assert.equal(trunk.rules[3].parameters.required_status_checks, [{ context: 'trunk check', integration_id: 15368 }]);
  const tags = JSON.parse(repo.read('.github/rulesets/release-tags.json'));
  assert.equal(
    [tags.target, tags.conditions.ref_name.include, tags.rules],
    [
      'tag',
      ['refs/tags/v[0-9]*', 'refs/tags/V[0-9]*', 'refs/tags/[0-9]*'],
      [{ type: 'creation' }, { type: 'update' }, { type: 'deletion' }],
    ],
  );
  assert.equal(
    tags.bypass_actors,
    trunk.bypass_actors,
    'only the release workflow (GitHub Actions) creates release tags',
  );
  assert.is(JSON.parse(repo.read('trunk.config.json')).release.onMerge, 'notes', 'CI alone tags releases');
});

test('with --ci, a local merge previews the release and says CI cuts it, not to cut it by hand', async () => {
  for (const [ci, file] of [
    ['github', '.github/workflows/trunk-release.yml'],
    ['gitlab', '.gitlab-ci.yml'],
  ]) {
    const repo = await initRepo();
    assert.is((await repo.trunkInit(['--no-install', '--ci', ci])).code, 0);
    const r = await repo.mergeFeature('feature/a', 'feat: ingress for api');
    assert.is(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      `trunk: the next release would be v1.0.0 (minor); CI cuts it once main is pushed (${file} runs trunk release --push)`,
    );
    assert.not.match(r.stderr, 'npx trunk release');
    assert.is(await repo.git('tag', '--list'), '');
  }
});

test('every forge --ci takes writes the CI file its releasing job is in, and that job runs trunk release --push', async () => {
  for (const forge of FORGES) {
    const repo = await initRepo();
    assert.is((await repo.trunkInit(['--no-install', '--ci', forge.id])).code, 0, forge.id);
    assert.match(repo.read(forge.releasingCi), 'trunk release --push', forge.id);
  }
});

test('a release prefix other than v is protected too, on GitHub and GitLab', async () => {
  const repo = await initRepo();
  repo.write('trunk.config.json', JSON.stringify({ trunk: 'main', tagPrefix: 'release-' }));
  assert.is((await repo.trunkInit(['--no-install', '--ci', 'github'])).code, 0);
  assert.equal(JSON.parse(repo.read('.github/rulesets/release-tags.json')).conditions.ref_name.include, [
    'refs/tags/v[0-9]*',
    'refs/tags/V[0-9]*',
    'refs/tags/[0-9]*',
    'refs/tags/release-[0-9]*',
  ]);
  assert.is((await repo.trunkInit(['--no-install', '--ci', 'gitlab'])).code, 0);
  const names = repo
    .read('.gitlab-ci.yml')
    .match(/for name in (.*); do glab api --method POST projects\/:id\/protected_tags/)?.[1];
  assert.is(names, "'v*' 'V*' '0*' '1*' '2*' '3*' '4*' '5*' '6*' '7*' '8*' '9*' 'release-*'");
});

test('--ci gitlab writes a .gitlab-ci.yml with the check on merge requests and the release on the trunk', async () => {
  const repo = await initRepo();
  assert.is((await repo.trunkInit(['--no-install', '--ci', 'gitlab'])).code, 0);
  const ci = parse(repo.read('.gitlab-ci.yml'));
  assert.equal(ci.variables, { GIT_DEPTH: '0', HUSKY: '0' });
  assert.equal(ci['trunk-check'].rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  // The runner writes none of the merge request's files; the job checks out the base and runs its trunk-init.
  assert.equal(
    [ci['trunk-check'].variables, ci['trunk-check'].script],
    [
      { GIT_CHECKOUT: 'false' },
      [
        'git checkout -q -f --detach "$CI_MERGE_REQUEST_DIFF_BASE_SHA"',
        'npm ci --ignore-scripts',
        'git fetch -q --no-tags origin "+refs/heads/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:refs/trunk-check/target"',
        'node node_modules/trunk-init/dist/trunk.mjs check --base refs/trunk-check/target --summary trunk-summary.md',
      ],
    ],
  );
  // The summary is the job's artifact, shown on the merge request, and (with TRUNK_GITLAB_TOKEN) its note.
  assert.equal(ci['trunk-check'].artifacts, {
    when: 'always',
    expose_as: 'trunk summary',
    paths: ['trunk-summary.md'],
  });
  assert.match(ci['trunk-check'].after_script[0], 'if [ -n "$TRUNK_GITLAB_TOKEN" ] && [ -f trunk-summary.md ]; then');
  assert.not.ok(ci['trunk-manifests'], 'no manifests, no manifests job');
  assert.match(ci['trunk-release'].rules[0].if, '$CI_COMMIT_BRANCH == "main"');
  assert.is(
    ci['trunk-release'].script.at(-1),
    'if [ -n "$TRUNK_OVERRIDE_REASON" ]; then npx trunk release --push --force --reason "$TRUNK_OVERRIDE_REASON"; else npx trunk release --push; fi',
  );
});

test('with --gitops, every pull request also checks the manifests match the config', async () => {
  const github = await initRepo();
  assert.is(
    (
      await github.trunkInit([
        '--no-install',
        '--ci',
        'github',
        '--gitops',
        'flux',
        '--envs',
        '3',
        '--repo-url',
        'https://example.com/x.git',
      ])
    ).code,
    0,
  );
  // The manifests are the pull request's own files: compared in a pull_request workflow of its own, never in trunk check.
  const workflow = parse(github.read('.github/workflows/trunk-manifests.yml'));
  assert.equal(workflow.on.pull_request.branches, ['main']);
  assert.is(workflow.jobs['trunk-manifests'].steps.at(-1).run, 'npx --no-install trunk env manifests --check');
  assert.equal(workflowErrors(github, '.github/workflows/trunk-manifests.yml'), []);
  assert.not.match(github.read('.github/workflows/trunk-check.yml'), 'manifests');
  assert.equal(workflowErrors(github, '.github/workflows/trunk-promote.yml'), []);
  assert.equal(
    parse(github.read('.github/workflows/trunk-promote.yml')).on.workflow_dispatch.inputs.environment.options,
    ['prod'],
  );
  assert.match(github.read('.github/workflows/trunk-promote.yml'), 'npx trunk env promote "$ENVIRONMENT" --push');
  const gitlab = await initRepo();
  assert.is(
    (
      await gitlab.trunkInit([
        '--no-install',
        '--ci',
        'gitlab',
        '--gitops',
        'argocd',
        '--repo-url',
        'https://example.com/x.git',
      ])
    ).code,
    0,
  );
  assert.not.ok(existsSync(join(gitlab.dir, '.github')), 'no GitHub promotion workflow for GitLab');
  assert.not.ok(
    parse(gitlab.read('.gitlab-ci.yml'))['trunk-promote-prod'],
    'two environments: nothing to promote by hand',
  );
  const three = await initRepo();
  assert.is((await three.trunkInit(['--no-install', '--ci', 'gitlab', '--envs', '3'])).code, 0);
  const job = parse(three.read('.gitlab-ci.yml'))['trunk-promote-prod'];
  assert.equal(job.rules, [{ if: '$CI_COMMIT_BRANCH == "main"', when: 'manual', allow_failure: true }]);
  assert.is(
    job.script.at(-1),
    'if [ -n "$TRUNK_OVERRIDE_REASON" ]; then npx trunk env promote prod --push --force --reason "$TRUNK_OVERRIDE_REASON"; else npx trunk env promote prod --push; fi',
  );
  assert.equal(parse(gitlab.read('.gitlab-ci.yml'))['trunk-manifests'].script, [
    'npm ci --ignore-scripts',
    'npx --no-install trunk env manifests --check',
  ]);
  const check = await gitlab.trunk(['env', 'manifests', '--check']);
  assert.is(check.code, 0, check.stderr);
});

test('no generated job runs lifecycle scripts: every npm ci has --ignore-scripts', async () => {
  const github = await initRepo();
  assert.is(
    (
      await github.trunkInit([
        '--no-install',
        '--ci',
        'github',
        '--gitops',
        'flux',
        '--envs',
        '3',
        '--repo-url',
        'https://example.com/x.git',
      ])
    ).code,
    0,
  );
  const gitlab = await initRepo();
  assert.is(
    (
      await gitlab.trunkInit([
        '--no-install',
        '--ci',
        'gitlab',
        '--gitops',
        'flux',
        '--envs',
        '3',
        '--repo-url',
        'https://example.com/x.git',
      ])
    ).code,
    0,
  );
  const files = [
    ...['trunk-check', 'trunk-manifests', 'trunk-release', 'trunk-promote'].map((name) =>
      github.read(`.github/workflows/${name}.yml`),
    ),
    gitlab.read('.gitlab-ci.yml'),
  ];
  const installs = files.flatMap((text) =>
    text.split('\n').filter((line) => /\bnpm (ci|install)\b/.test(line) && !line.trim().startsWith('#')),
  );
  assert.is(installs.length, 8, installs.join('\n'));
  assert.equal(
    installs.filter((line) => !line.includes('npm ci --ignore-scripts')),
    [],
  );
});

test('an unknown --ci is an error, and nothing is written', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', '--ci', 'jenkins']);
  assert.is(r.code, 2);
  assert.match(r.stderr, '--ci jenkins is not supported');
  assert.is(await repo.git('status', '--porcelain'), '?? node_modules');
});

test.run();
