// Dependency direction: core is pure, adapters never reach into flows or cli, flows never into cli, hooks never load
// bootstrap code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROJECT } from './helpers/repo.js';

const test = suite('architecture');
const files = (dir: string): string[] =>
  readdirSync(join(PROJECT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.c?ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const imports = (file: string) =>
  [
    ...readFileSync(join(PROJECT, file), 'utf8').matchAll(/(?:^import[^'"]*|import\(|require\()\s*['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
const PURE = new Set([
  'semver',
  'picomatch',
  'yaml',
  'js-yaml',
  '@commitlint/lint',
  '@commitlint/types',
  'conventional-commits-parser',
  'conventional-changelog-writer',
  'conventional-changelog-conventionalcommits',
  'handlebars',
]);

test('core imports only core, errors.ts and pure libraries', () => {
  for (const file of files('src/core'))
    for (const spec of imports(file)) {
      const ok = spec.startsWith('.')
        ? !relative('src/core', join(file, '..', spec)).startsWith('..') || spec.endsWith('/errors.js')
        : PURE.has(spec);
      assert.ok(ok, `${file} imports ${spec}`);
    }
  for (const file of files('src/core'))
    assert.not.match(readFileSync(join(PROJECT, file), 'utf8'), /\bprocess\./, `${file} uses process`);
});

test('every error is built by the catalogue in src/errors.ts', () => {
  for (const file of files('src').filter((f) => f !== join('src', 'errors.ts')))
    assert.not.match(
      readFileSync(join(PROJECT, file), 'utf8'),
      /new TrunkError\(/,
      `${file} builds a TrunkError: add a factory to the catalogue in src/errors.ts`,
    );
});

test('adapters never import flows or cli; flows never import cli', () => {
  for (const file of files('src/adapters'))
    for (const spec of imports(file)) assert.not.match(spec, /\/(flows|cli)\//, `${file} imports ${spec}`);
  for (const file of files('src/flows'))
    for (const spec of imports(file)) assert.not.match(spec, /\/cli\//, `${file} imports ${spec}`);
});

/** The project modules `file` imports, statically or dynamically, as paths from the project root. */
const localImports = (file: string) =>
  imports(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => join(file, '..', spec).replace(/\.js$/, '.ts'))
    .filter((path) => existsSync(join(PROJECT, path))); // a .js module (the generated validator) imports nothing of ours

/** Every module `entry` can load, with the import chain that reaches each. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift())
    for (const next of localImports(file))
      if (!seen.has(next)) {
        seen.set(next, [...seen.get(file)!, next]);
        queue.push(next);
      }
  return seen;
}

test('no hook command can load bootstrap code, nor a per-commit hook release code, through any chain of imports', () => {
  const BOOTSTRAP = /adapters\/hooks\/(install|record)|package-manager|core\/bootstrap|commands\/init|cli\/uninstall/;
  const RELEASE = /release|notes|changelog/;
  // The commands, and the entries of the per-commit hooks' own bundles (src/cli/hooks/).
  const entries = [...files('src/cli/commands').filter((f) => /hook-/.test(f)), ...files('src/cli/hooks')];
  assert.ok(entries.some((f) => f.endsWith(join('hooks', 'commit-msg.ts'))));
  for (const entry of entries)
    for (const [module, chain] of reachable(entry)) {
      assert.not.match(module, BOOTSTRAP, chain.join(' → '));
      if (/(hook-|hooks\/)(pre-commit|commit-msg)\.ts$/.test(entry))
        assert.not.match(module, RELEASE, chain.join(' → '));
    }
});

test('the modules import one another without a cycle', () => {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    assert.is.not(state.get(file), 'open', `import cycle: ${[...path.slice(path.indexOf(file)), file].join(' → ')}`);
    state.set(file, 'open');
    for (const next of localImports(file)) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files('src')) visit(file, []);
});

test.run();
