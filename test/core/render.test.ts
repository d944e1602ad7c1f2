// The pure parts of the rendered diff: objects by identity, field diffs (named lists, renames), redaction, reports.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diffObjects, formatPath } from '../../src/core/render/diff.js';
import { isRemote, kustomizationEntries, resolveEntry } from '../../src/core/render/kustomize.js';
import { MAX_VALUES, parseObjects } from '../../src/core/render/objects.js';
import { chooseRenderer, commandWords, invocations } from '../../src/core/render/renderer.js';
import { markdownSection, summaryLine, textSection, type RenderedSection } from '../../src/core/render/report.js';
import { defaultGitops } from '../../src/core/environments/model.js';
import { TrunkError } from '../../src/errors.js';

const test = suite('rendered diff');

const objects = (text: string) => parseObjects([{ source: 'test.yaml', text }]).objects;
const diff = (before: string, after: string) => diffObjects(objects(before), objects(after));

test('multi-document streams and List kinds give one object per identity; non-objects are said, not dropped', () => {
  const set = parseObjects([
    {
      source: 'a.yaml',
      text: `apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n---\n---\nfoo: bar\n`,
    },
    { source: 'b.yaml', text: '{apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {k: v}}' },
  ]);
  assert.equal([...set.objects.keys()], ['v1/ConfigMap/x/a', 'v1/ConfigMap//b']);
  assert.equal(set.objects.get('v1/ConfigMap//b')!.body.data, { k: 'v' });
  assert.equal(set.warnings, [
    'a.yaml: document 3 has no apiVersion, kind or metadata.name, so it is not an object; skipped',
    'b.yaml: ConfigMap b is given twice; the last one counts',
  ]);
});

test('bad YAML names the source and line; aliases that expand without end are refused, not walked', () => {
  try {
    objects('a: [1\nb: 2\n');
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TrunkError);
    assert.match((err as TrunkError).message, /^test\.yaml is not YAML: .* at line \d/);
  }
  // Each level repeats the one below ten times: 10^8 values from a few hundred bytes.
  const levels = Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
  const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nl0: &l0 [a]\n${levels.join('\n')}\n`;
  assert.throws(
    () => objects(bomb),
    (err: TrunkError) => err.message.includes(MAX_VALUES.toLocaleString('en')),
  );
});

const deployment = (containers: string, replicas = 2) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers: ${containers}\n`;

test('lists of named elements are compared by name: a reordering is no change, a change names its element', () => {
  const a = deployment('[{name: api, image: "a:1", args: [x, y]}, {name: side, image: "s:1"}]');
  const reordered = deployment('[{name: side, image: "s:1"}, {name: api, image: "a:1", args: [x, y]}]');
  assert.equal(diff(a, reordered), { objects: [], unchanged: 1 });
  const changed = deployment('[{name: api, image: "a:2", args: [y, x]}, {name: log, image: "l:1"}]', 3);
  const [object] = diff(a, changed).objects;
  assert.equal(
    object.fields.map((f) => [formatPath(f.path), f.change, f.before, f.after]),
    [
      ['spec.replicas', 'changed', 2, 3],
      ['spec.template.spec.containers[api].image', 'changed', 'a:1', 'a:2'],
      // A list of plain values changes as a whole: order matters in args.
      ['spec.template.spec.containers[api].args', 'changed', ['x', 'y'], ['y', 'x']],
      ['spec.template.spec.containers[log]', 'added', undefined, { name: 'log', image: 'l:1' }],
      ['spec.template.spec.containers[side]', 'removed', { name: 'side', image: 's:1' }, undefined],
    ],
  );
  // Without a name on every element, by index.
  const byIndex = diffObjects(
    objects('{apiVersion: v1, kind: X, metadata: {name: a}, l: [{p: 1}, {p: 2}]}'),
    objects('{apiVersion: v1, kind: X, metadata: {name: a}, l: [{p: 1}, {p: 3}, {p: 4}]}'),
  );
  assert.equal(
    byIndex.objects[0].fields.map((f) => formatPath(f.path)),
    ['l[1].p', 'l[2]'],
  );
  assert.is(formatPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels["app.kubernetes.io/name"]');
});

test('identity is apiVersion/kind/namespace/name; a Kustomize hash suffix change is a rename, followed by its references', () => {
  const before = `{apiVersion: v1, kind: ConfigMap, metadata: {name: env-89g4tffbfk}, data: {A: "1"}}
---
{apiVersion: v1, kind: ConfigMap, metadata: {name: other, namespace: a}}
---
{apiVersion: apps/v1, kind: Deployment, metadata: {name: api}, spec: {ref: env-89g4tffbfk}}
`;
  const after = `{apiVersion: v1, kind: ConfigMap, metadata: {name: env-5t8dm2fhbk}, data: {A: "2"}}
---
{apiVersion: v1, kind: ConfigMap, metadata: {name: other, namespace: b}}
---
{apiVersion: apps/v1, kind: Deployment, metadata: {name: api}, spec: {ref: env-5t8dm2fhbk}}
`;
  const result = diff(before, after);
  assert.equal(
    result.objects.map((o) => [o.change, o.kind, o.namespace, o.name, o.renamedFrom]),
    [
      ['changed', 'ConfigMap', '', 'env-5t8dm2fhbk', 'env-89g4tffbfk'],
      ['added', 'ConfigMap', 'b', 'other', undefined],
      ['changed', 'Deployment', '', 'api', undefined],
      ['removed', 'ConfigMap', 'a', 'other', undefined],
    ],
  );
  assert.equal(result.objects[0].fields, [{ path: ['data', 'A'], change: 'changed', before: '1', after: '2' }]);
  assert.is(result.objects[2].fields[0].followsRename, true);
  // A name that only looks hashed (a vowel is not in Kustomize's alphabet) is no rename.
  const plain = diff(
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: env-aaaaaaaaaa}}',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: env-bbbbbbbbbb}}',
  );
  assert.equal(
    plain.objects.map((o) => o.change),
    ['added', 'removed'],
  );
});

const secret = (body: string, metadata = '{name: db}') =>
  `apiVersion: v1\nkind: Secret\nmetadata: ${metadata}\n${body}`;

test('a Secret says which key changed, never a value: data, stringData, a whole map added, the last-applied copy', () => {
  const result = diff(
    secret('data: {user: YQ==, pass: b2xk}\n'),
    secret(
      'data: {user: YQ==, pass: bmV3, token: dA==}\nstringData: {extra: plain-secret}\n',
      '{name: db, annotations: {kubectl.kubernetes.io/last-applied-configuration: "{\\"data\\":{\\"pass\\":\\"bmV3\\"}}"}}',
    ),
  );
  const fields = result.objects[0].fields;
  assert.equal(
    fields.map((f) => [formatPath(f.path), f.change, f.hidden]),
    [
      ['metadata.annotations', 'added', undefined],
      ['data.pass', 'changed', true],
      ['data.token', 'added', true],
      ['stringData.extra', 'added', true],
    ],
  );
  // The annotation map was added whole: its value is the last-applied copy, which carries the data.
  assert.ok(!JSON.stringify(fields).includes('bmV3'));
  assert.ok(!JSON.stringify(fields).includes('plain-secret'));
});

test('a SOPS-encrypted document hides every value, whatever its kind', () => {
  const sops = (value: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: "ENC[AES256_GCM,data:${value},type:str]"}\nsops: {mac: "ENC[AES256_GCM,data:m${value}]", version: 3.8.1}\n`;
  const fields = diff(sops('AAA'), sops('BBB')).objects[0].fields;
  assert.equal(
    fields.map((f) => [formatPath(f.path), f.hidden, 'before' in f, 'after' in f]),
    [
      ['data.k', true, false, false],
      ['sops.mac', true, false, false],
    ],
  );
  const inline = diff(
    '{apiVersion: v1, kind: X, metadata: {name: a}, spec: {k: "ENC[AES256_GCM,data:x]", n: 1}}',
    '{apiVersion: v1, kind: X, metadata: {name: a}, spec: {k: "ENC[AES256_GCM,data:y]", n: 2}}',
  );
  assert.ok(inline.objects[0].fields.every((f) => f.hidden && f.before === undefined && f.after === undefined));
});

const section = (before: string, after: string): RenderedSection => ({
  env: 'prod',
  app: null,
  path: 'deploy/overlays/prod',
  before: { ref: 'v1.0.0', renderer: 'kubectl kustomize' },
  after: { ref: 'v1.1.0', renderer: 'kubectl kustomize' },
  diff: diff(before, after),
  warnings: [],
});

test('the reports: counts first, then objects; the summary shortens images; markdown keeps content in code spans', () => {
  const before = `${deployment('[{name: api, image: "acme/api:1.4.1"}]')}---\n${secret('data: {pass: b2xk}\n')}`;
  const after = `${deployment('[{name: api, image: "acme/api:1.5.0"}]', 3)}---\n${secret('data: {pass: bmV3}\n')}---\n{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: api}}\n`;
  const s = section(before, after);
  assert.equal(textSection(s), [
    'prod: deploy/overlays/prod, v1.0.0 → v1.1.0 (kubectl kustomize)',
    '  3 objects change: 1 added, 2 changed, 0 removed; 0 unchanged',
    '  ~ Deployment api',
    '      ~ spec.replicas: 2 → 3',
    '      ~ spec.template.spec.containers[api].image: acme/api:1.4.1 → acme/api:1.5.0',
    '  ~ Secret db',
    '      ~ data.pass: changed (value hidden)',
    '  + HorizontalPodAutoscaler api',
  ]);
  assert.is(
    summaryLine(s),
    'prod: 3 objects change: Deployment api (replicas 2 → 3, image 1.4.1 → 1.5.0), Secret db (pass changed), HorizontalPodAutoscaler api added',
  );
  const hostile = section(
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: "old"}}',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: "<img src=x> `@team` \\u001b[2J"}}',
  );
  const markdown = markdownSection(hostile).join('\n');
  assert.match(markdown, '  - `data.k`: `old` → ``<img src=x> `@team` [2J``');
  assert.not.match(markdown, '\u001b');
  // A multi-line value (a ConfigMap's file) shows its changed lines.
  const file = section(
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {app.ini: "a=1\\nb=2\\nc=3\\n"}}',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {app.ini: "a=1\\nb=3\\nc=3\\n"}}',
  );
  assert.equal(textSection(file).slice(3), [
    '      ~ data["app.ini"]: a=1… (4 lines) → a=1… (4 lines)',
    '          - b=2',
    '          + b=3',
  ]);
});

test('kustomization entries: paths resolved inside the repository, URLs told apart', () => {
  assert.equal(
    kustomizationEntries('resources: [../../base, {inline: 1}, hpa.yaml]\ncomponents: [../c]\nimages: [x]\n', 'k'),
    ['../../base', 'hpa.yaml', '../c'],
  );
  assert.is(resolveEntry('deploy/overlays/prod', '../../base'), 'deploy/base');
  assert.is(resolveEntry('deploy/overlays/prod', './x/../y'), 'deploy/overlays/prod/y');
  assert.is(resolveEntry('deploy/overlays/prod', '../../../../etc'), null);
  assert.is(resolveEntry('deploy', '/etc'), null);
  for (const remote of [
    'https://github.com/acme/base//deploy?ref=v1',
    'github.com/acme/base/deploy?ref=v1',
    'git@github.com:acme/base.git',
    'ssh://git@example.com/base',
    'file:///srv/base',
  ])
    assert.ok(isRemote(remote), remote);
  for (const local of ['../../base', 'hpa.yaml', 'base', './x.v2/y']) assert.not.ok(isRemote(local), local);
});

test('the renderer: gitops.render, else kustomize then kubectl kustomize, else helm template, else plain YAML', () => {
  const target = {
    path: 'deploy/overlays/prod',
    app: { name: 'shop', dir: 'shop' },
    env: 'prod',
    namespace: 'shop-prod',
  };
  const choose = (files: string[], gitops = {}) =>
    chooseRenderer(new Set(files), { ...defaultGitops, ...gitops }, target, false);
  assert.equal(
    invocations(choose(['kustomization.yaml']), target).map((i) => [i.program, ...i.args].join(' ')),
    ['kustomize build deploy/overlays/prod', 'kubectl kustomize deploy/overlays/prod'],
  );
  assert.equal(
    invocations(choose(['Chart.yaml'], { helm: { values: ['values-{env}.yaml', '../common/{app}.yaml'] } }), target),
    [
      {
        program: 'helm',
        args: [
          'template',
          'shop-prod',
          'deploy/overlays/prod',
          '--namespace',
          'shop-prod',
          '--values',
          'deploy/overlays/prod/values-prod.yaml',
          '--values',
          'deploy/overlays/common/shop.yaml',
        ],
      },
    ],
  );
  assert.equal(choose(['a.yaml']), { kind: 'yaml', recursive: false });
  // No shell: words split on spaces, quotes are characters like any other.
  assert.equal(commandWords(' kustomize build  --enable-helm {path} "{env} x" ', target), [
    'kustomize',
    'build',
    '--enable-helm',
    'deploy/overlays/prod',
    '"prod',
    'x"',
  ]);
  assert.equal(choose(['kustomization.yaml'], { render: 'my-render {app}' }), {
    kind: 'command',
    argv: ['my-render', 'shop'],
  });
});

test.run();
