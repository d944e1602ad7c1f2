// Validates a loaded trunk config against schema/trunk.schema.json and fills in the defaults, with the
// validator ajv generated from the schema at build time (compiling it at run time costs ~80 ms a hook).
import type { ErrorObject } from 'ajv';
import { checkEnvironments, checkGitops } from '../../core/environments/model.js';
import type { Policy } from '../../core/policy/policy.js';
import validate from './validate-trunk-config.js';

function describe(error: ErrorObject): string {
  const path = error.instancePath.slice(1).replaceAll('/', '.');
  const at = (key: string) => [path, key].filter(Boolean).join('.');
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at(error.params.additionalProperty)} is not a known setting`;
    case 'enum':
      return `${path} must be one of ${error.params.allowedValues.join(', ')}`;
    case 'type':
      return `${path} must be ${error.params.type === 'integer' ? 'a whole number' : `${/^[aeiou]/.test(error.params.type) ? 'an' : 'a'} ${error.params.type}`}`;
    case 'pattern':
      return `${path} is not a valid ${path === 'trunk' ? 'branch name' : 'value'}`;
    default:
      return `${path || 'the config'} ${error.message}`;
  }
}

/** The policy `raw` describes, or every problem with it as `file: key problem`. */
export function validatePolicy(raw: unknown, file: string): { policy: Policy } | { problems: string[] } {
  const copy = structuredClone(raw ?? {});
  if (validate(copy)) {
    const policy = copy as Policy;
    const problems = [...checkEnvironments(policy.environments, policy), ...checkGitops(policy.gitops, policy.environments)];
    return problems.length ? { problems: problems.map((p) => `${file}: ${p}`) } : { policy };
  }
  return { problems: (validate.errors ?? []).map((e) => `${file}: ${describe(e)}`) };
}
