// What a pull request's merge does to each environment (core/environments/preview.ts) and its Mermaid flowchart
// (diagram.ts), parsed by Mermaid itself: every profile trunk-init writes, the tracks that stay, and names built to
// break out of a label.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flowchart, mermaidText } from '../../src/core/environments/diagram.js';
import { profile, type Environment } from '../../src/core/environments/model.js';
import { afterRelease, previewMoves, type EnvMove, type Wait } from '../../src/core/environments/preview.js';
import { resolveEnvironments, type RefFacts } from '../../src/core/environments/resolve.js';
import { argocd } from '../../src/core/gitops/tools/argocd.js';
import { closeMermaid, parseFlowchart } from '../helpers/mermaid.js';

const test = suite('a merge previewed');

const BASE = 'b'.repeat(40);
const MERGE = 'm'.repeat(40);

/** The refs with the trunk at `sha` and these tags (name → sha), `version` as git describe gives it. */
const facts = (sha: string, version: string, tags: Record<string, string>): RefFacts => ({
  trunk: 'main',
  tagPrefix: 'v',
  trunkSha: sha,
  trunkDate: 1,
  trunkVersion: version,
  tags: Object.entries(tags).map(([name, at]) => ({ name, sha: at, date: 1, onTrunk: true })),
});

/** The moves of `environments` when a pull request is merged into a trunk with `tags`, releasing `release`. */
function preview(environments: Environment[], tags: Record<string, string>, release: string | null): EnvMove[] {
  const before = resolveEnvironments(environments, facts(BASE, '1.0.0+2', tags), argocd);
  const merged = facts(MERGE, '1.0.0+4', tags);
  const next = release ? { tag: release, version: release.slice(1) } : null;
  const after = resolveEnvironments(environments, next ? afterRelease(merged, next) : merged, argocd);
  return previewMoves(before, after, next, 'main');
}

const summary = (moves: EnvMove[]) => moves.map((m) => [m.name, m.when ?? `stays: ${m.stays}`]);

test('three environments: dev moves on the merge, qa at the candidate, prod stays until promoted', () => {
  const moves = preview(profile(3), { 'v1.0.0': 'a'.repeat(40), 'v1.1.0-rc.1': BASE }, 'v1.1.0-rc.2');
  assert.equal(moves, [
    {
      name: 'dev',
      now: { ref: 'main', version: '1.0.0+2' },
      after: { ref: 'main', version: '1.1.0-rc.2' },
      when: 'merge',
      stays: null,
    },
    {
      name: 'qa',
      now: { ref: 'v1.1.0-rc.1', version: '1.1.0-rc.1' },
      after: { ref: 'v1.1.0-rc.2', version: '1.1.0-rc.2' },
      when: 'release',
      stays: null,
    },
    {
      name: 'prod',
      now: { ref: 'v1.0.0', version: '1.0.0' },
      after: { ref: 'v1.0.0', version: '1.0.0' },
      when: null,
      stays: 'until promoted: trunk env promote prod',
    },
  ]);
});

test('two environments: qa (main) moves on the merge, prod at the release; nothing to release leaves prod', () => {
  assert.equal(summary(preview(profile(2), { 'v1.0.0': BASE }, 'v1.1.0')), [
    ['qa', 'merge'],
    ['prod', 'release'],
  ]);
  const nothing = preview(profile(2), { 'v1.0.0': BASE }, null);
  assert.equal(summary(nothing), [
    ['qa', 'merge'],
    ['prod', 'stays: nothing to release'],
  ]);
  assert.equal(nothing[0].after, { ref: 'main', version: '1.0.0+4' }, 'unreleased, main runs the merge');
});

test('the literal model: qa takes the release, prod the one qa ran, both when it is cut', () => {
  const moves = preview(profile(3, 'previous'), { 'v1.0.0': 'a'.repeat(40), 'v1.1.0': BASE }, 'v1.2.0');
  assert.equal(summary(moves), [
    ['dev', 'merge'],
    ['qa', 'release'],
    ['prod', 'release'],
  ]);
  assert.equal(moves[2].after, { ref: 'v1.1.0', version: '1.1.0' });
});

test('what stays: a pin, a range that does not take the release, a promoted tag', () => {
  const tags = { 'v1.0.0': 'a'.repeat(40), 'v1.1.0': BASE };
  const [qa, prod] = profile(2);
  assert.equal(summary(preview([qa, { ...prod, pin: 'v1.0.0' }], tags, 'v1.2.0'))[1], [
    'prod',
    'stays: pinned to v1.0.0',
  ]);
  assert.equal(summary(preview([qa, { name: 'prod', track: { kind: 'stable', range: '^1' } }], tags, 'v2.0.0'))[1], [
    'prod',
    'stays: its range "^1" does not take v2.0.0',
  ]);
  const promoted: Environment[] = [
    qa,
    { name: 'staging', track: { kind: 'stable' } },
    { name: 'prod', track: { kind: 'promoted', tag: 'v1.0.0' } },
  ];
  assert.equal(summary(preview(promoted, tags, 'v1.2.0')), [
    ['qa', 'merge'],
    ['staging', 'release'],
    ['prod', 'stays: until promoted: trunk env promote prod'],
  ]);
});

const WAITS: Wait[] = [
  { from: 'dev', to: 'qa', commits: 1, versions: 0 },
  { from: 'qa', to: 'prod', commits: 5, versions: 2 },
];

test('the flowchart, as Mermaid reads it: a node per environment, what waits between them, what the merge moves', async () => {
  const moves = preview(profile(3), { 'v1.0.0': 'a'.repeat(40), 'v1.1.0-rc.1': BASE }, 'v1.1.0-rc.2');
  const chart = await parseFlowchart(
    flowchart({ source: 'feature/ingress', target: 'main', release: 'v1.1.0-rc.2' }, moves, WAITS),
  );
  assert.equal(chart.nodes, [
    { id: 'pr', lines: ['pull request', 'feature/ingress into main', 'releases v1.1.0-rc.2'], classes: ['request'] },
    { id: 'env0', lines: ['dev', 'main (1.0.0+2)', '→ main (1.1.0-rc.2)'], classes: ['moves'] },
    { id: 'env1', lines: ['qa', 'v1.1.0-rc.1', '→ v1.1.0-rc.2'], classes: ['moves'] },
    { id: 'env2', lines: ['prod', 'v1.0.0', 'stays'], classes: [] },
  ]);
  assert.equal(chart.edges, [
    { from: 'env0', to: 'env1', label: '1 commit waits', stroke: 'normal' },
    { from: 'env1', to: 'env2', label: '5 commits, 2 versions wait', stroke: 'normal' },
    { from: 'pr', to: 'env0', label: 'on merge', stroke: 'dotted' },
    { from: 'pr', to: 'env1', label: 'at release v1.1.0-rc.2', stroke: 'dotted' },
  ]);
});

/** Names that would end a label, add a node or an edge, style one, or be read as HTML or Markdown by Mermaid. */
const HOSTILE = [
  'feature/x"]) --> evil[("pwned") ; click env0 "https://evil.example"',
  'feature/<img src=x onerror=alert(1)>#quot;#35;&amp;`**md**`',
  "feature/%%{init: {'theme':'dark'}}%%\nclassDef moves fill:red\u0007",
  'feature/ünïcødé ← 🚀 | [x] {y} \\',
  'feature/style:x#fff; classDef a:b#c;',
];

for (const name of HOSTILE)
  test(`a hostile branch or tag name stays one label's text: ${JSON.stringify(name.slice(8, 30))}`, async () => {
    const moves: EnvMove[] = [
      { name: 'qa', now: { ref: name, version: null }, after: { ref: name, version: '9' }, when: 'merge', stays: null },
      { name: 'prod', now: null, after: null, when: null, stays: 'nothing to release' },
    ];
    const source = flowchart({ source: name, target: name, release: name }, moves, [
      { from: 'qa', to: 'prod', commits: 2, versions: 0 },
    ]);
    for (const [, text] of source.matchAll(/"([^"]*)"/g))
      assert.match(text, /^(?:[A-Za-z0-9 .,:/+_@()-]|#\d+;|<br\/>)*$/, 'a label holds plain characters and codes only');
    const chart = await parseFlowchart(source);
    const shown = name.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
    assert.equal(
      chart.nodes.map((n) => [n.id, n.lines]),
      [
        ['pr', ['pull request', `${shown} into ${shown}`, `releases ${shown}`]],
        ['env0', ['qa', shown, `→ ${shown} (9)`]],
        ['env1', ['prod', 'nothing yet', 'stays']],
      ],
    );
    assert.equal(
      chart.edges.map((e) => [e.from, e.to, e.label]),
      [
        ['env0', 'env1', '2 commits wait'],
        ['pr', 'env0', 'on merge'],
      ],
    );
  });

test('mermaidText keeps letters, digits and plain punctuation, and codes the rest', () => {
  assert.is(mermaidText('v1.2.0-rc.1 main (1.2.0+3): a/b_c+d@e, f'), 'v1.2.0-rc.1 main (1.2.0+3): a/b_c+d@e, f');
  assert.is(mermaidText('a"b#c<d>`e'), 'a#34;b#35;c#60;d#62;#96;e');
  assert.is(mermaidText('🚀'), '#128640;');
  assert.is(mermaidText('style classDef'), '#115;tyle #99;lassDef');
});

test.after(closeMermaid);
test.run();
