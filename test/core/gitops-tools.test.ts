import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { configuredTool, findGitopsTool, GITOPS_TOOLS } from '../../src/core/gitops/registry.js';
import { PROJECT } from '../helpers/repo.js';

const test = suite('GitOps tool registry');

test('it holds exactly the tools the schema lets gitops.tool name, in the same order', () => {
  const schema = JSON.parse(readFileSync(join(PROJECT, 'schema/trunk.schema.json'), 'utf8'));
  assert.equal(
    GITOPS_TOOLS.map((t) => t.id),
    schema.properties.gitops.properties.tool.enum,
  );
});

test('every tool reads the tags trunk cuts as their versions, and a name that is no version as none', () => {
  for (const tool of GITOPS_TOOLS) {
    assert.equal(tool.readTag('v1.4.0'), { kind: 'version', version: '1.4.0' }, tool.id);
    assert.equal(tool.readTag('1.4.0'), { kind: 'version', version: '1.4.0' }, `${tool.id}, tagPrefix ""`);
    assert.equal(tool.readTag('v2.0.0-rc.3'), { kind: 'version', version: '2.0.0-rc.3' }, tool.id);
    assert.equal(tool.readTag('latest'), { kind: 'skip' }, tool.id);
  }
});

test('a config naming no tool has none; an id outside the registry is refused, never read as another tool', () => {
  assert.is(configuredTool({}), undefined);
  for (const tool of GITOPS_TOOLS) assert.is(configuredTool({ tool: tool.id }), tool);
  assert.is(findGitopsTool('helm'), undefined);
  assert.throws(
    () => configuredTool({ tool: 'helm' }),
    /gitops\.tool "helm" passed the schema but is not in core\/gitops\/registry\.ts/,
  );
});

test.run();
