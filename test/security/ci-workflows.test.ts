// The generated trunk-check CI jobs, RUN step by step as GitHub Actions and GitLab CI would run them, against a
// hostile pull request from a fork: its head adds a `prepare` script, a fake `trunk` (a `file:` dependency and a
// committed node_modules/.bin/trunk), a loosened trunk.config.json, config in code, a rewritten workflow, a `wip
// garbage` commit and one whose message is HTML and a GitLab quick action. Every payload writes a marker file when it
// runs; none may, the check must still fail, and its summary (the job summary, the merge request's note, posted to a
// loopback API) shows the hostile text as code only.
//
// The one stand-in: there is no registry in tests, so `npm` on PATH is a small script that refuses `npm ci` without
// --ignore-scripts (with scripts, npm would run the checked-out package.json's lifecycle scripts) and otherwise links
// node_modules to the fixture modules, as test/helpers/repo.ts does. Everything else is real: git, a bare "forge"
// repository, the clone the runner makes, the shell each step runs in, and the built trunk-init.
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { makeRepo, Repo, run, tempDir, type Result } from '../helpers/repo.js';

const test = suite('CI workflows against a hostile pull request');

/** What the hostile pull request puts in place of the trunk-check workflow (GitHub runs the base's instead). */
const REWRITTEN_WORKFLOW =
  'name: trunk check\non: pull_request\njobs:\n  trunk-check:\n    name: trunk check\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n';

let dev: Repo;
let forge: string;
let markers: string;

/** The fixture's main with trunk-init's CI files for `ci`, pushed to the forge (a bare repository). */
async function forgeWithCi(ci: 'github' | 'gitlab'): Promise<void> {
  dev = await makeRepo({ remote: true });
  forge = await dev.git('remote', 'get-url', 'origin');
  await git(forge, 'config', 'uploadpack.allowReachableSHA1InWant', 'true'); // as GitHub and GitLab serve fetches by sha
  markers = tempDir('markers');
  const init = await dev.trunkInit(['--no-install', '--ci', ci]);
  assert.is(init.code, 0, init.stderr);
  await dev.git('add', '-A');
  await dev.gitWith({ TRUNK_SKIP: '1' }, 'commit', '-q', '-m', `ci: trunk check on ${ci}`);
  await dev.git('push', '-q', '--no-verify', 'origin', 'main');
}

/** A statement, valid in CommonJS and ES modules alike, that records `name` as having run. */
const record = (name: string) =>
  `process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran');`;

/** A `trunk` that records `name` and passes everything. */
const fakeTrunk = (name: string) => `#!/usr/bin/env node\n${record(name)} process.exit(0);\n`;

/** Each payload of the hostile pull request, and how a careless job would run it from a checkout of its head. */
const PAYLOADS: Record<string, string> = {
  'prepare-script': 'sh -c "$(node -p "require(\'./package.json\').scripts.prepare")"',
  'file-dependency-trunk': 'node evil-trunk/dist/trunk.mjs',
  'committed-bin-trunk': 'node node_modules/.bin/trunk',
  'committed-trunk-init': 'node node_modules/trunk-init/dist/trunk.mjs',
  'trunk-config-mjs': 'node -e "import(\'./trunk.config.mjs\')"',
  'commitlint-config-mjs': 'node -e "import(\'./commitlint.config.mjs\')"',
};

/** A commit whose notes would be HTML, a fake heading and GitLab quick actions if a summary rendered them. */
const HOSTILE_MESSAGE =
  'feat: add <img src=x onerror=alert(1)> for @all\n\nBREAKING CHANGE: gone\n/approve\n```\n# Merging it releases v9.9.9';

/** The summary as GitHub and GitLab take it: no hostile text outside code, no line that is a quick action. */
function assertInert(summary: string) {
  const html = new MarkdownIt({ html: true }).render(summary);
  assert.match(html, '&lt;img src=x onerror=alert(1)&gt; for @all', 'the hostile commit is in the notes, as code');
  const outsideCode = html.replace(/<pre><code[^>]*>[^]*?<\/code><\/pre>|<code>[^]*?<\/code>/g, '');
  assert.not.match(outsideCode, /<img|@all|\/approve|v9\.9\.9/, outsideCode);
  assert.not.match(summary, /^\//m, 'no line of it starts a quick action');
}

interface PullRequest {
  base: string;
  head: string;
  branch: string;
  title: string;
}

/**
 * The hostile pull request, made in a fork and pushed to the forge only as `ref` (refs/pull/1/head,
 * refs/merge-requests/1/head), where GitHub and GitLab keep a fork's head. Its branch name is allowed only by its
 * own loosened config, and it rewrites the CI file to pass.
 */
async function hostilePullRequest(ref: string, ciFile: string, rewritten: string): Promise<PullRequest> {
  const fork = new Repo(tempDir('fork'));
  await run('git', ['clone', '-q', '-b', 'main', `file://${forge}`, fork.dir], { cwd: fork.dir });
  await fork.git('config', 'user.name', 'Mallory');
  await fork.git('config', 'user.email', 'mallory@example.com');
  await fork.git('switch', '-q', '-c', 'anything');
  const pkg = JSON.parse(fork.read('package.json'));
  pkg.scripts = { ...pkg.scripts, prepare: `node -e ${JSON.stringify(record('prepare-script'))}` };
  pkg.devDependencies = { ...pkg.devDependencies, 'trunk-init': 'file:./evil-trunk' };
  fork.write('package.json', JSON.stringify(pkg, null, 2));
  fork.write(
    'evil-trunk/package.json',
    JSON.stringify({ name: 'trunk-init', version: '99.0.0', bin: { trunk: 'dist/trunk.mjs' } }),
  );
  fork.write('evil-trunk/dist/trunk.mjs', fakeTrunk('file-dependency-trunk'));
  fork.write('node_modules/.bin/trunk', fakeTrunk('committed-bin-trunk'));
  fork.write('node_modules/trunk-init/dist/trunk.mjs', fakeTrunk('committed-trunk-init'));
  fork.write('trunk.config.json', JSON.stringify({ trunk: 'anything', branches: ['**'] }));
  fork.write('trunk.config.mjs', `${record('trunk-config-mjs')}\nexport default { branches: ['**'] };\n`);
  fork.write('commitlint.config.mjs', `${record('commitlint-config-mjs')}\nexport default { rules: {} };\n`);
  fork.write('.commitlintrc.json', JSON.stringify({ rules: {} }));
  fork.write(ciFile, rewritten);
  await fork.git('add', '-A');
  await fork.git('add', '-f', 'node_modules'); // ignored by the fixture's .gitignore; a hostile author commits it anyway
  await fork.git('commit', '-q', '-m', 'wip garbage');
  await fork.git('commit', '-q', '--allow-empty', '-m', HOSTILE_MESSAGE);
  await fork.git('push', '-q', 'origin', `HEAD:${ref}`);
  return { base: await dev.sha('main'), head: await fork.sha(), branch: 'anything', title: 'wip garbage' };
}

/** A directory with the `npm` stand-in (see the top of this file). */
function npmStandIn(): string {
  const bin = tempDir('bin');
  const modules = readlinkSync(join(dev.dir, 'node_modules'));
  writeFileSync(
    join(bin, 'npm'),
    `#!/bin/sh
# Stand-in for npm in tests (no registry): only \`npm ci --ignore-scripts\`; links the fixture modules.
[ "$1" = ci ] || { echo "npm stand-in: only npm ci" >&2; exit 64; }
case " $* " in *" --ignore-scripts "*) ;; *) echo "npm stand-in: npm ci without --ignore-scripts runs the checkout's lifecycle scripts" >&2; exit 65 ;; esac
rm -rf node_modules && ln -s ${JSON.stringify(modules)} node_modules
`,
    { mode: 0o755 },
  );
  return bin;
}

const runnerPath = () => `${npmStandIn()}:${process.env.PATH}`;

/** `${{ a.b.c }}` from `context`; any expression this runner cannot evaluate fails the test. */
function expand(text: string, context: Record<string, unknown>): string {
  const out = text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined),
        context,
      );
    if (value === undefined) throw new Error(`the simulated runner cannot evaluate \${{ ${path} }}`);
    return String(value);
  });
  if (out.includes('${{')) throw new Error(`the simulated runner cannot evaluate ${text}`);
  return out;
}

const expandAll = (env: Record<string, string> | undefined, context: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(env ?? {}).map(([key, value]) => [key, expand(String(value), context)]));

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await run('git', args, { cwd });
  assert.is(r.code, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  name?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

/**
 * GitHub Actions for a `pull_request_target` event: the workflow file as committed on the base branch (where
 * GitHub takes it from for this event), each step run in order until one fails, as the runner does.
 */
/** GitHub's REST API for this job, on 127.0.0.1: records each commit status posted (`POST /repos/o/r/statuses/sha`). */
async function githubApi(): Promise<{
  url: string;
  statuses: { path: string; auth: string; body: Record<string, string> }[];
  close: () => void;
}> {
  const statuses: { path: string; auth: string; body: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const ok = req.method === 'POST' && /^\/repos\/acme\/gitops\/statuses\/[0-9a-f]{40}$/.test(req.url ?? '');
      if (ok) statuses.push({ path: req.url!, auth: req.headers.authorization ?? '', body: JSON.parse(body) });
      res.writeHead(ok ? 201 : 404).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, statuses, close: () => server.close() };
}

/** A step's `if`: this runner knows `always()` and the default, success(). */
function shouldRun(step: Step, failed: boolean): boolean {
  const condition = step.if?.replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (condition === undefined) return !failed;
  if (condition === 'always()') return true;
  throw new Error(`the simulated runner cannot evaluate if: ${step.if}`);
}

async function runGithubJob(pr: PullRequest): Promise<{
  workspace: string;
  steps: Result[];
  statuses: Awaited<ReturnType<typeof githubApi>>['statuses'];
  summary: string;
}> {
  const workflow = parse(await git(forge, 'show', 'main:.github/workflows/trunk-check.yml'));
  assert.equal(
    Object.keys(workflow.on),
    ['pull_request_target'],
    'the workflow file comes from the base, so the event must be pull_request_target',
  );
  const workspace = tempDir('github-workspace');
  const event = {
    pull_request: {
      number: 1,
      title: pr.title,
      base: { sha: pr.base, ref: 'main' },
      head: { sha: pr.head, ref: pr.branch },
    },
  };
  const eventPath = join(workspace, '..', 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  const outcomes: Record<string, { outcome: string }> = {};
  const context = { github: { event, token: 'ghs_test-token', sha: pr.base }, steps: outcomes };
  const api = await githubApi();
  const stepSummary = join(workspace, '..', 'step-summary.md');
  writeFileSync(stepSummary, '');
  const env = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request_target',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: pr.base,
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: pr.branch,
    PATH: runnerPath(),
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_RUN_ID: '7',
    // One file for the job here; GitHub gives each step its own and shows them all.
    GITHUB_STEP_SUMMARY: stepSummary,
  };
  const steps: Result[] = [];
  let failed = false;
  try {
    for (const step of workflow.jobs['trunk-check'].steps as Step[]) {
      if (!shouldRun(step, failed)) continue;
      if (step.uses === 'actions/checkout@v4') await githubCheckout(workspace, step.with ?? {}, context);
      else if (step.uses === 'actions/setup-node@v4') assert.ok(process.versions.node, 'node is on PATH already');
      else if (step.uses) throw new Error(`the simulated runner has no ${step.uses}`);
      else {
        const result = await run('sh', ['-e', '-c', step.run ?? ''], {
          cwd: workspace,
          env: { ...env, ...expandAll(workflow.env, context), ...expandAll(step.env, context) },
        });
        steps.push(result);
        if (step.id) outcomes[step.id] = { outcome: result.code === 0 ? 'success' : 'failure' };
        failed ||= result.code !== 0;
      }
    }
  } finally {
    api.close();
  }
  return { workspace, steps, statuses: api.statuses, summary: readFileSync(stepSummary, 'utf8') };
}

/** actions/checkout@v4: fetch-depth 0 fetches every branch and tag, then checks out `ref` (default: github.sha). */
async function githubCheckout(
  workspace: string,
  inputs: Record<string, string | number | boolean>,
  context: Record<string, unknown>,
) {
  for (const key of Object.keys(inputs))
    assert.ok(
      ['ref', 'fetch-depth', 'persist-credentials'].includes(key),
      `the simulated checkout has no input ${key}`,
    );
  await git(workspace, 'init', '-q');
  await git(workspace, 'remote', 'add', 'origin', `file://${forge}`);
  const depth = inputs['fetch-depth'] === 0 ? [] : [`--depth=${inputs['fetch-depth'] ?? 1}`];
  await git(
    workspace,
    'fetch',
    '-q',
    '--no-tags',
    ...depth,
    'origin',
    '+refs/heads/*:refs/remotes/origin/*',
    '+refs/tags/*:refs/tags/*',
  );
  const ref = expand(String(inputs.ref ?? '${{ github.sha }}'), context);
  // A sha that no branch or tag reaches (a fork's head) is fetched by itself, as actions/checkout does.
  if ((await run('git', ['cat-file', '-e', `${ref}^{commit}`], { cwd: workspace })).code !== 0)
    await git(workspace, 'fetch', '-q', '--no-tags', ...depth, 'origin', ref);
  await git(workspace, 'checkout', '-q', '--force', ref);
  if (inputs['persist-credentials'] !== false)
    await git(
      workspace,
      'config',
      'http.extraheader',
      `AUTHORIZATION: basic ${String((context.github as { token: string }).token)}`,
    );
}

interface Note {
  id: number;
  body: string;
  author: { id: number };
}

/**
 * GitLab's REST API for this job, on 127.0.0.1: the token's own user (id 42), and merge request 1's notes, listed
 * newest first, created (POST) and updated (PUT, the author's own only), each request recorded.
 */
async function gitlabApi(notes: Note[]): Promise<{ url: string; requests: string[]; close: () => void }> {
  const requests: string[] = [];
  const NOTES = '/api/v4/projects/1/merge_requests/1/notes';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '', 'http://api').pathname;
      requests.push(`${req.method} ${path} ${req.headers['private-token']}`);
      const json = (status: number, value: unknown) => res.writeHead(status).end(JSON.stringify(value));
      if (req.headers['private-token'] !== 'glpat-test') return json(401, {});
      if (req.method === 'GET' && path === '/api/v4/user') return json(200, { id: 42, username: 'trunk-bot' });
      if (req.method === 'GET' && path === NOTES) return json(200, [...notes].reverse());
      const text = new URLSearchParams(body).get('body') ?? '';
      if (req.method === 'POST' && path === NOTES) {
        notes.push({ id: 100 + notes.length, body: text, author: { id: 42 } });
        return json(201, notes.at(-1));
      }
      const note = notes.find((n) => `${NOTES}/${n.id}` === path);
      if (req.method === 'PUT' && note?.author.id === 42) return json(200, Object.assign(note, { body: text }));
      json(note ? 403 : 404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
  return { url, requests, close: () => server.close() };
}

/**
 * GitLab CI for a merge request pipeline: the runner fetches the merge request's ref (GIT_DEPTH 0: all of it) and
 * checks out CI_COMMIT_SHA unless GIT_CHECKOUT is "false"; then before_script and script run as one shell script,
 * and after_script in a shell of its own, whose outcome does not change the job's.
 * The file is main's: with a merge request from a branch of this project GitLab would take the merge request's own,
 * which is why the README says to take the CI configuration from a protected location.
 */
async function runGitlabJob(
  pr: PullRequest,
  api: string,
): Promise<{ workspace: string; steps: Result[]; checkedOut: boolean; after: Result; artifacts: string[] }> {
  const ci = parse(await git(forge, 'show', 'main:.gitlab-ci.yml'));
  const job = ci['trunk-check'];
  assert.equal(job.rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  const variables: Record<string, string> = { ...ci.variables, ...job.variables };
  const workspace = tempDir('gitlab-project');
  await git(workspace, 'init', '-q');
  await git(workspace, 'remote', 'add', 'origin', `file://${forge}`);
  assert.is(variables.GIT_DEPTH, '0');
  await git(
    workspace,
    'fetch',
    '-q',
    'origin',
    '+refs/merge-requests/1/head:refs/merge-requests/1/head',
    '+refs/tags/*:refs/tags/*',
  );
  const checkedOut = variables.GIT_CHECKOUT !== 'false';
  if (checkedOut) await git(workspace, 'checkout', '-q', '--force', pr.head);
  const env = {
    ...variables,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: workspace,
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_COMMIT_SHA: pr.head,
    CI_MERGE_REQUEST_IID: '1',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: pr.base,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: pr.branch,
    CI_MERGE_REQUEST_TITLE: pr.title,
    CI_MERGE_REQUEST_PROJECT_PATH: 'acme/gitops',
    CI_API_V4_URL: api,
    CI_PROJECT_ID: '1',
    TRUNK_GITLAB_TOKEN: 'glpat-test',
    PATH: runnerPath(),
  };
  const script = [...(job.before_script ?? []), ...job.script].join('\n');
  const steps = [await run('sh', ['-e', '-c', script], { cwd: workspace, env })];
  const after = await run('sh', ['-e', '-c', job.after_script.join('\n')], { cwd: workspace, env });
  return { workspace, steps, checkedOut, after, artifacts: job.artifacts.paths };
}

/** What every job must leave: no payload ran, the base checked out, no file of the head's in the workspace. */
async function assertNothingOfTheHeadRan(workspace: string, pr: PullRequest) {
  assert.equal(readdirSync(markers), [], 'no file of the pull request was executed');
  assert.is(await git(workspace, 'rev-parse', 'HEAD'), pr.base, 'the workspace is the base');
  for (const file of ['evil-trunk', 'trunk.config.mjs', 'commitlint.config.mjs'])
    assert.not.ok(existsSync(join(workspace, file)), `${file} of the head is not in the workspace`);
  assert.not.ok(
    existsSync(join(workspace, 'node_modules/.bin/trunk')),
    'the committed node_modules/.bin/trunk is not in the workspace',
  );
}

test('GitHub: the trunk-check workflow runs the base’s trunk-init on a hostile fork’s commits and fails them', async () => {
  await forgeWithCi('github');
  const pr = await hostilePullRequest('refs/pull/1/head', '.github/workflows/trunk-check.yml', REWRITTEN_WORKFLOW);
  const { workspace, steps, statuses, summary } = await runGithubJob(pr);
  assert.is(steps.length, 4, 'npm ci, the fetch, trunk check and the status report all ran');
  assert.equal(
    steps.slice(0, 2).map((s) => s.code),
    [0, 0],
    steps.map((s) => s.stderr).join('\n'),
  );
  assert.is(steps[3].code, 0, steps[3].stderr);
  assert.equal(statuses, [
    {
      path: `/repos/acme/gitops/statuses/${pr.head}`,
      auth: 'Bearer ghs_test-token',
      body: { state: 'failure', context: 'trunk check', target_url: 'https://github.com/acme/gitops/actions/runs/7' },
    },
  ]);
  const verdict = steps[2];
  assert.is(verdict.code, 1, verdict.stderr);
  assert.match(verdict.stdout, /::error title=trunk check: commit-message::[0-9a-f]{7} "wip garbage"/);
  assert.match(verdict.stdout, '::error title=trunk check: branch-name::Branch "anything" may not be merged');
  assert.match(verdict.stdout, '::error title=trunk check: title::The pull request title "wip garbage"');
  assert.is(await git(workspace, 'rev-parse', 'refs/trunk-check/head'), pr.head, 'the head was fetched, as data');
  // The job's summary: judged by the base's policy (into main, though the head's config names "anything"), as code.
  assert.match(summary, /^<!-- trunk check --summary -->\n\n### trunk check: `anything` into `main`/);
  assert.match(summary, '**Refused**: it cannot be merged as it is.');
  assert.match(summary, 'Merging it releases **`v1.0.0`**');
  assertInert(summary);
  await assertNothingOfTheHeadRan(workspace, pr);
  assert.not.match(
    readFileSync(join(workspace, '.git/config'), 'utf8'),
    'ghs_test-token',
    'no token is left in .git/config',
  );
});

test('GitHub: a good pull request passes the same workflow', async () => {
  await forgeWithCi('github');
  await dev.git('switch', '-q', '-c', 'feature/fine');
  await dev.commit('feat: add the ingress');
  await dev.git('push', '-q', '--no-verify', 'origin', 'HEAD:refs/pull/1/head');
  const head = await dev.sha();
  const { steps, statuses, summary } = await runGithubJob({
    base: await dev.sha('main'),
    head,
    branch: 'feature/fine',
    title: 'feat: add the ingress',
  });
  assert.match(summary, '**Every rule holds.**');
  assert.match(summary, /Merging it releases \*\*`v1\.0\.0`\*\* \(a minor bump, \d+ commits since the start\)/);
  assert.equal(
    steps.map((s) => s.code),
    [0, 0, 0, 0],
    steps.map((s) => s.stderr).join('\n'),
  );
  assert.equal(
    statuses.map((st) => [st.path, st.body.state, st.body.context]),
    [[`/repos/acme/gitops/statuses/${head}`, 'success', 'trunk check']],
  );
  assert.match(steps[2].stderr, '1 commit from feature/fine into main: every rule holds');
});

test('GitLab: the trunk-check job writes no file of a hostile merge request, runs none, and fails it', async () => {
  await forgeWithCi('gitlab');
  const pr = await hostilePullRequest(
    'refs/merge-requests/1/head',
    '.gitlab-ci.yml',
    'trunk-check:\n  script: ["true"]\n',
  );
  // main moves on after the fork (its diff base): the summary merges into main's tip, which the job fetches.
  await dev.git('switch', '-q', '-c', 'feature/meanwhile');
  await dev.commit('fix: landed meanwhile');
  await dev.git('switch', '-q', 'main');
  await dev.git('merge', '-q', '--no-ff', '--no-verify', '-m', "Merge branch 'feature/meanwhile'", 'feature/meanwhile');
  await dev.git('push', '-q', '--no-verify', 'origin', 'main');
  // Someone else's note that starts like trunk-init's: it must be left alone, not taken for the summary's.
  const notes: Note[] = [{ id: 1, body: '<!-- trunk check --summary -->\nnot the bot’s', author: { id: 7 } }];
  const api = await gitlabApi(notes);
  try {
    const { workspace, steps, checkedOut, after, artifacts } = await runGitlabJob(pr, api.url);
    assert.not.ok(checkedOut, 'GIT_CHECKOUT "false": the runner writes none of the merge request’s files');
    assert.is(steps[0].code, 1, steps[0].stderr);
    assert.match(steps[0].stderr, /[0-9a-f]{7} "wip garbage"/);
    assert.match(steps[0].stderr, 'Branch "anything" may not be merged');
    assert.match(steps[0].stderr, 'The pull request title "wip garbage"');
    await assertNothingOfTheHeadRan(workspace, pr);
    // The summary: the job's artifact, and the note the after_script posts with the token, then updates.
    assert.equal(artifacts, ['trunk-summary.md']);
    const summary = readFileSync(join(workspace, 'trunk-summary.md'), 'utf8');
    assertInert(summary);
    assert.match(summary, /\n {4}\* landed meanwhile [0-9a-f]{7}\n/, 'merged into the target’s tip, not the diff base');
    assert.is(after.code, 0, after.stderr);
    assert.equal(notes.slice(1), [{ id: 101, body: summary, author: { id: 42 } }], 'the note is the artifact');
    const again = await runGitlabJob(pr, api.url);
    assert.is(again.after.code, 0, again.after.stderr);
    assert.equal(
      notes.map((n) => n.id),
      [1, 101],
      'the second run updates its note',
    );
    assert.equal(api.requests, [
      'GET /api/v4/user glpat-test',
      'GET /api/v4/projects/1/merge_requests/1/notes glpat-test',
      'POST /api/v4/projects/1/merge_requests/1/notes glpat-test',
      'GET /api/v4/user glpat-test',
      'GET /api/v4/projects/1/merge_requests/1/notes glpat-test',
      'PUT /api/v4/projects/1/merge_requests/1/notes/101 glpat-test',
    ]);
    assert.is(notes[0].body, '<!-- trunk check --summary -->\nnot the bot’s');
  } finally {
    api.close();
  }
});

test('control: the payloads are live, each records itself when run from a checkout of the head', async () => {
  await forgeWithCi('github');
  const pr = await hostilePullRequest('refs/pull/1/head', '.github/workflows/trunk-check.yml', REWRITTEN_WORKFLOW);
  const checkout = tempDir('careless');
  await git(checkout, 'clone', '-q', '--no-checkout', `file://${forge}`, '.');
  await git(checkout, 'fetch', '-q', 'origin', 'refs/pull/1/head');
  await git(checkout, 'checkout', '-q', pr.head);
  for (const [name, command] of Object.entries(PAYLOADS)) {
    const r = await run('sh', ['-c', command], { cwd: checkout });
    assert.is(r.code, 0, `${name}: ${r.stderr}`);
  }
  assert.equal(readdirSync(markers).sort(), Object.keys(PAYLOADS).sort());
});

test('the npm stand-in refuses npm ci with lifecycle scripts, so a job that would run them fails here', async () => {
  await forgeWithCi('github');
  const dir = tempDir('plain');
  const r = await run('sh', ['-e', '-c', 'npm ci'], { cwd: dir, env: { PATH: runnerPath() } });
  assert.is(r.code, 65);
  assert.match(r.stderr, 'without --ignore-scripts');
});

test.run();
