// The edits trunk-init makes to the pre-commit framework's and lefthook's configs: only its own lines change,
// a second run changes nothing, and taking the entries out gives back the user's file byte for byte.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { withLefthookEntries, withoutLefthookEntries } from '../../src/core/bootstrap/lefthook-config.js';
import { withoutPreCommitEntries, withPreCommitEntries } from '../../src/core/bootstrap/pre-commit-config.js';
import { calledHook } from '../../src/core/hook-managers/hooks.js';
import { lefthookCalls, lefthookSourceDir } from '../../src/core/hook-managers/lefthook.js';
import { preCommitCalls } from '../../src/core/hook-managers/pre-commit.js';

/** pre-commit's own `pre-commit sample-config`, plus a comment and a hand-written local hook. */
const SAMPLE = `# See https://pre-commit.com for more information
# See https://pre-commit.com/hooks.html for more hooks
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v3.2.0
    hooks:
    -   id: trailing-whitespace
    -   id: check-yaml   # helm charts too
        args: ["--allow-multiple-documents"]
-   repo: local
    hooks:
    -   id: kubeconform
        name: kubeconform
        entry: kubeconform -strict
        language: system
`;

/** Every line of `before`, in order, is in `after`: the edit only added lines. */
function onlyAdded(before: string, after: string) {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    at = lines.indexOf(line, at);
    assert.ok(at >= 0, `lost the line ${JSON.stringify(line)}`);
    at++;
  }
}

const pre = suite('pre-commit config');

pre(
  "adds a repo: local block in the file's own layout, keeping every line of it; again changes nothing; out gives the file back",
  () => {
    const added = withPreCommitEntries(SAMPLE, 'hooks');
    onlyAdded(SAMPLE, added);
    assert.match(
      added,
      "# trunk-init: trunk's hooks (npx trunk-init --uninstall removes them)\n-   repo: local\n    hooks:\n    -   id: trunk-pre-commit\n        name: trunk branch policy\n        entry: sh node_modules/trunk-init/hooks/check pre-commit\n",
    );
    const config = parse(added);
    const ours = config.repos[2].hooks;
    assert.equal(
      ours.map((h: { id: string }) => h.id),
      ['trunk-pre-commit', 'trunk-commit-msg', 'trunk-pre-push', 'trunk-post-merge'],
    );
    assert.equal(
      ours.map((h: { stages: string[] }) => h.stages),
      [['pre-commit'], ['commit-msg'], ['pre-push'], ['post-merge']],
    );
    assert.equal(
      ours.map((h: { always_run: boolean }) => h.always_run),
      [true, true, true, true],
    );
    assert.equal(
      ours.map((h: { pass_filenames?: boolean }) => h.pass_filenames),
      [false, undefined, false, false],
      'commit-msg gets the message file',
    );
    assert.equal(config.default_install_hook_types, ['pre-commit', 'commit-msg', 'pre-push', 'post-merge']);
    assert.is(withPreCommitEntries(added, 'hooks'), added);
    assert.is(withoutPreCommitEntries(added), SAMPLE);
  },
);

pre('writes the stage names the installed pre-commit reads; a file renamed by migrate-config counts as done', () => {
  const legacy = withPreCommitEntries(null, 'legacy');
  assert.equal(
    parse(legacy).repos[0].hooks.map((h: { stages: string[] }) => h.stages[0]),
    ['commit', 'commit-msg', 'push', 'post-merge'],
  );
  const migrated = legacy.replace('[commit]', '[pre-commit]').replace('[push]', '[pre-push]');
  assert.is(withPreCommitEntries(migrated, 'legacy'), migrated);
  assert.is(withPreCommitEntries(legacy, 'hooks'), legacy);
});

pre('replaces its own block when it was edited, and only that', () => {
  const added = withPreCommitEntries(SAMPLE, 'hooks');
  const edited = added.replace('entry: sh node_modules/trunk-init/hooks/check pre-push', 'entry: "true"');
  assert.is(withPreCommitEntries(edited, 'hooks'), added);
});

pre('a new config, an empty repos list, and a flow list of hook types', () => {
  const fresh = withPreCommitEntries(null, 'hooks');
  assert.equal(parse(fresh).repos[0].repo, 'local');
  assert.is(withoutPreCommitEntries(fresh), 'repos: []\n', 'what is left is a config with nothing in it');
  const user = 'default_install_hook_types: ["pre-commit", commit-msg]  # mine\nrepos: []\n';
  const added = withPreCommitEntries(user, 'hooks');
  assert.match(added, 'default_install_hook_types: ["pre-commit", commit-msg, pre-push, post-merge]  # mine\n');
  assert.equal(parse(added).repos.length, 1);
  assert.is(
    withoutPreCommitEntries(added),
    'default_install_hook_types: ["pre-commit", commit-msg, pre-push, post-merge]  # mine\nrepos: []\n',
    "the user's line stays, with what was added to it",
  );
});

pre('keeps CRLF line endings', () => {
  const crlf = SAMPLE.replaceAll('\n', '\r\n');
  const added = withPreCommitEntries(crlf, 'hooks');
  assert.not.match(added.replaceAll('\r\n', ''), '\n');
  assert.is(withoutPreCommitEntries(added), crlf);
});

pre('refuses what it cannot edit line by line, and a broken file, naming the file', () => {
  assert.throws(
    () => withPreCommitEntries('repos: [{repo: local, hooks: []}]\n', 'hooks'),
    /\.pre-commit-config\.yaml writes repos in flow style/,
  );
  assert.throws(
    () => withPreCommitEntries('repos:\n  - repo: x\n bad: [\n', 'hooks'),
    /\.pre-commit-config\.yaml could not be read/,
  );
});

pre("tells which of trunk's hooks a config runs, and what keeps each from running", () => {
  assert.equal(preCommitCalls(withPreCommitEntries(SAMPLE, 'legacy')), {
    calls: ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'],
    problems: [],
  });
  const hand = `repos:
  - repo: local
    hooks:
      - { id: branch, name: branch, entry: npx trunk hook pre-commit, language: system, stages: [commit], pass_filenames: false }
      - { id: push, name: push, entry: npx trunk hook pre-push, language: system, stages: [pre-push], always_run: true }
      - { id: wrong-stage, name: x, entry: npx trunk hook commit-msg, language: system, stages: [pre-commit] }
`;
  const found = preCommitCalls(hand);
  assert.equal(found.calls, ['pre-commit', 'pre-push']);
  assert.equal(
    found.problems.map((p) => [p.hook, p.kind]),
    [
      ['pre-commit', 'may-skip'],
      ['pre-push', 'not-installed'],
    ],
  );
  const remote =
    'default_install_hook_types: [pre-commit, commit-msg]\nrepos:\n  - repo: https://github.com/trunk-init/trunk-init\n    rev: v0.1.0\n    hooks: [{ id: trunk-pre-commit }, { id: trunk-commit-msg }]\n';
  assert.equal(preCommitCalls(remote), { calls: ['pre-commit', 'commit-msg'], problems: [] });
});

const left = suite('lefthook config');

const LEFTHOOK = `# lefthook config
pre-commit:
    parallel: true
    commands:
        kubeconform:
            glob: "*.yaml"
            run: kubeconform -strict {staged_files}   # manifests
pre-push:
  jobs:
    - run: make test
`;

left(
  "adds a trunk-init script under each hook, in each hook's own indentation; again changes nothing; out gives the file back",
  () => {
    const added = withLefthookEntries(LEFTHOOK, 'lefthook.yml');
    onlyAdded(LEFTHOOK, added);
    assert.match(
      added,
      '            run: kubeconform -strict {staged_files}   # manifests\n    scripts:\n        trunk-init:\n            runner: sh\n',
    );
    assert.match(added, '    - run: make test\n  scripts:\n    trunk-init:\n      runner: sh\n      use_stdin: true\n');
    const config = parse(added);
    assert.equal(config['pre-push'].scripts['trunk-init'], { runner: 'sh', use_stdin: true });
    assert.equal(config['commit-msg'].scripts['trunk-init'], { runner: 'sh' });
    assert.equal(config['post-merge'].scripts['trunk-init'], { runner: 'sh' });
    assert.is(withLefthookEntries(added, 'lefthook.yml'), added);
    assert.is(withoutLefthookEntries(added, 'lefthook.yml'), LEFTHOOK);
    assert.equal(lefthookCalls(added, 'lefthook.yml'), {
      calls: ['pre-commit', 'commit-msg', 'pre-push', 'post-merge'],
      problems: [],
    });
  },
);

left('a new config; a script of its own edited is put back; a hook and scripts: left empty go with it', () => {
  const fresh = withLefthookEntries(null, 'lefthook.yml');
  assert.equal(Object.keys(parse(fresh)), ['pre-commit', 'commit-msg', 'pre-push', 'post-merge']);
  assert.is(withoutLefthookEntries(fresh, 'lefthook.yml'), '');
  const edited = fresh.replace('      use_stdin: true\n', '');
  assert.is(withLefthookEntries(edited, 'lefthook.yml'), fresh);
  const mine = 'pre-push:\n  scripts:\n    "mine.sh":\n      runner: bash\n';
  assert.is(withoutLefthookEntries(withLefthookEntries(mine, 'lefthook.yml'), 'lefthook.yml'), mine);
});

left('reads source_dir for where the scripts go', () => {
  assert.is(lefthookSourceDir(null, 'lefthook.yml'), '.lefthook');
  assert.is(lefthookSourceDir('source_dir: tools/hooks/\n', 'lefthook.yml'), 'tools/hooks');
});

left('names the hand-written entries that cannot see a push or get skipped', () => {
  const hand = `pre-push:
  commands:
    trunk:
      run: npx trunk hook pre-push {1}
commit-msg:
  jobs:
    - run: npx trunk hook commit-msg
pre-commit:
  commands:
    trunk:
      run: npx trunk hook pre-commit
`;
  const found = lefthookCalls(hand, 'lefthook.yml');
  assert.equal(found.calls, ['pre-commit', 'commit-msg', 'pre-push']);
  assert.equal(
    found.problems.map((p) => `${p.hook} ${p.kind}`),
    ['pre-commit may-skip', 'commit-msg no-message-file', 'pre-push no-stdin', 'pre-push may-skip'],
  );
  assert.match(
    found.problems[2].message,
    "lefthook.yml: pre-push.commands.trunk runs trunk's pre-push without use_stdin: true",
  );
  assert.match(found.problems[2].fix, 'add "use_stdin: true" to pre-push.commands.trunk');
});

const calls = suite('calledHook');
calls('recognises trunk hook <name> and the trunk-init shims, nothing else', () => {
  assert.is(calledHook('npx trunk hook pre-push {1}'), 'pre-push');
  assert.is(calledHook('node node_modules/trunk-init/dist/trunk.mjs hook commit-msg'), 'commit-msg');
  assert.is(calledHook('sh node_modules/trunk-init/hooks/check post-merge .git/ORIG'), 'post-merge');
  assert.is(calledHook('sh node_modules/trunk-init/hooks/post-merge'), null);
  assert.is(calledHook('npx trunk doctor'), null);
  assert.is(calledHook('trunk hook pre-receive'), null);
  assert.is(calledHook('trunk hook pre-commit-msg'), null);
});

pre.run();
left.run();
calls.run();
