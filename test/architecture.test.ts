// Dependency direction: core is pure, adapters never reach into cli, hooks never load bootstrap code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROJECT } from './helpers/repo.js';

const test = suite('architecture');
const files = (dir: string): string[] =>
  readdirSync(join(PROJECT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const imports = (file: string) => [...readFileSync(join(PROJECT, file), 'utf8').matchAll(/(?:^import[^'"]*|import\()\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const PURE = new Set([
  'semver', 'picomatch', 'yaml', '@commitlint/lint', '@commitlint/types',
  'conventional-commits-parser', 'conventional-changelog-writer', 'conventional-changelog-conventionalcommits',
]);

test('core imports only core, errors.ts and pure libraries', () => {
  for (const file of files('src/core'))
    for (const spec of imports(file)) {
      const ok = spec.startsWith('.') ? !relative('src/core', join(file, '..', spec)).startsWith('..') || spec.endsWith('/errors.js') : PURE.has(spec);
      assert.ok(ok, `${file} imports ${spec}`);
    }
  for (const file of files('src/core')) assert.not.match(readFileSync(join(PROJECT, file), 'utf8'), /\bprocess\./, `${file} uses process`);
});

test('adapters never import cli', () => {
  for (const file of files('src/adapters')) for (const spec of imports(file)) assert.not.match(spec, /\/cli\//, `${file} imports ${spec}`);
});

test('hook commands do not load bootstrap code; the per-commit hooks do not load release code', () => {
  for (const file of files('src/cli/commands').filter((f) => /hook-/.test(f)))
    for (const spec of imports(file)) {
      assert.not.match(spec, /scaffold|install|package-manager|init/, `${file} imports ${spec}`);
      if (!file.endsWith('hook-post-merge.ts')) assert.not.match(spec, /release|notes|changelog/, `${file} imports ${spec}`);
    }
});

test.run();
