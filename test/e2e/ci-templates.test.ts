import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { initRepo, PROJECT } from '../helpers/repo.js';

const test = suite('trunk-init --ci');
// The published GitHub workflow schema, vendored in ../shared (tests read it from there, as CI does).
const workflowSchema = JSON.parse(readFileSync(join(PROJECT, '../shared/schemas/ci/github-workflow.json'), 'utf8'));
const validateWorkflow = new Ajv({ strict: false, allErrors: true }).compile(workflowSchema);

test('--ci github writes workflows that validate against the GitHub workflow schema, and the forge rules', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', '--ci', 'github']);
  assert.is(r.code, 0, r.stderr);
  for (const file of ['.github/workflows/trunk-check.yml', '.github/workflows/trunk-release.yml']) {
    const workflow = parse(repo.read(file));
    assert.ok(validateWorkflow(workflow), `${file}: ${JSON.stringify(validateWorkflow.errors)}`);
    assert.not.match(repo.read(file), '__TRUNK__');
  }
  const check = parse(repo.read('.github/workflows/trunk-check.yml'));
  assert.equal(check.on.pull_request.branches, ['main']);
  assert.is(check.jobs['trunk-check'].name, 'trunk check');
  assert.is(check.jobs['trunk-check'].steps[0].with['fetch-depth'], 0);
  const release = parse(repo.read('.github/workflows/trunk-release.yml'));
  assert.equal(release.permissions, { contents: 'write' });
  assert.match(release.jobs.release.if, "startsWith(github.event.head_commit.message, 'chore(release):')");
  const trunk = JSON.parse(repo.read('.github/rulesets/trunk.json'));
  assert.equal(trunk.conditions.ref_name.include, ['refs/heads/main']);
  assert.equal(trunk.rules.map((rule: { type: string }) => rule.type), ['deletion', 'non_fast_forward', 'pull_request', 'required_status_checks']);
  assert.equal(trunk.rules[3].parameters.required_status_checks, [{ context: check.jobs['trunk-check'].name }]);
  const tags = JSON.parse(repo.read('.github/rulesets/release-tags.json'));
  assert.equal([tags.target, tags.conditions.ref_name.include, tags.rules], ['tag', ['refs/tags/v*'], [{ type: 'update' }, { type: 'deletion' }]]);
  assert.is(JSON.parse(repo.read('trunk.config.json')).release.onMerge, 'notes', 'CI alone tags releases');
});

test('--ci gitlab writes a .gitlab-ci.yml with the check on merge requests and the release on the trunk', async () => {
  const repo = await initRepo();
  assert.is((await repo.trunkInit(['--no-install', '--ci', 'gitlab'])).code, 0);
  const ci = parse(repo.read('.gitlab-ci.yml'));
  assert.equal(ci.variables, { GIT_DEPTH: '0', HUSKY: '0' });
  assert.equal(ci['trunk-check'].rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  assert.ok(ci['trunk-check'].script.includes('npx trunk check'));
  assert.match(ci['trunk-release'].rules[0].if, '$CI_COMMIT_BRANCH == "main"');
  assert.ok(ci['trunk-release'].script.includes('npx trunk release --push'));
});

test('with --gitops, every pull request also checks the manifests match the config', async () => {
  const github = await initRepo();
  assert.is((await github.trunkInit(['--no-install', '--ci', 'github', '--gitops', 'flux', '--envs', '3', '--repo-url', 'https://example.com/x.git'])).code, 0);
  const workflow = parse(github.read('.github/workflows/trunk-check.yml'));
  const steps = workflow.jobs['trunk-check'].steps;
  assert.ok(validateWorkflow(workflow), JSON.stringify(validateWorkflow.errors));
  assert.equal(steps.slice(-2).map((s: { run: string }) => s.run), ['npx trunk check', 'npx trunk env manifests --check']);
  const promote = parse(github.read('.github/workflows/trunk-promote.yml'));
  assert.ok(validateWorkflow(promote), JSON.stringify(validateWorkflow.errors));
  assert.equal(parse(github.read('.github/workflows/trunk-promote.yml')).on.workflow_dispatch.inputs.environment.options, ['prod']);
  assert.match(github.read('.github/workflows/trunk-promote.yml'), 'npx trunk env promote "$ENVIRONMENT" --push');
  const gitlab = await initRepo();
  assert.is((await gitlab.trunkInit(['--no-install', '--ci', 'gitlab', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git'])).code, 0);
  assert.not.ok(existsSync(join(gitlab.dir, '.github')), 'no GitHub promotion workflow for GitLab');
  assert.not.ok(parse(gitlab.read('.gitlab-ci.yml'))['trunk-promote-prod'], 'two environments: nothing to promote by hand');
  const three = await initRepo();
  assert.is((await three.trunkInit(['--no-install', '--ci', 'gitlab', '--envs', '3'])).code, 0);
  const job = parse(three.read('.gitlab-ci.yml'))['trunk-promote-prod'];
  assert.equal(job.rules, [{ if: '$CI_COMMIT_BRANCH == "main"', when: 'manual', allow_failure: true }]);
  assert.is(job.script.at(-1), 'npx trunk env promote prod --push');
  assert.equal(parse(gitlab.read('.gitlab-ci.yml'))['trunk-check'].script, ['npm ci', 'npx trunk check', 'npx trunk env manifests --check']);
  const check = await gitlab.trunk(['env', 'manifests', '--check']);
  assert.is(check.code, 0, check.stderr);
});

test('an unknown --ci is an error, and nothing is written', async () => {
  const repo = await initRepo();
  const r = await repo.trunkInit(['--no-install', '--ci', 'jenkins']);
  assert.is(r.code, 2);
  assert.match(r.stderr, '--ci jenkins is not supported');
  assert.is(await repo.git('status', '--porcelain'), '?? node_modules');
});

test.run();
