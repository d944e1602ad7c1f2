// Validates a loaded trunk config against schema/trunk.schema.json and fills in the defaults, with the
// validator ajv generated from the schema by `npm run gen` (compiling it at run time costs ~80 ms a hook).
import type { ErrorObject } from 'ajv';
import { checkEnvironments, checkGitops } from '../../core/environments/model.js';
import type { Policy } from '../../core/policy/policy.js';
import validate from '../../generated/validate-trunk-config.js';

/** What a string must look like where the schema gives a pattern, by key (`*`: any index or environment). */
const PATTERNS: Record<string, string> = {
  trunk: 'a branch name git accepts',
  'branches.*': 'a glob pattern that is not blank',
  'serverRefs.*': 'a ref pattern under refs/ outside refs/heads/ and refs/tags/, e.g. refs/notes/*',
  tagPrefix: 'a tag prefix without spaces or any of ~^:?*[\\',
  'release.initialVersion': 'a version X.Y.Z, e.g. 1.0.0',
  'changelog.file': 'a path relative to the repository root',
  'environments.*.track.tag': 'a tag name',
  'environments.*.pin': 'a tag name',
  'environments.*.promotion.soak': 'a duration such as 24h, 90m, 2d or 1d12h',
  'environments.*.promotion.freeze.*.name': 'a name that is not blank',
  'gitops.repoUrl': 'a URL',
  'gitops.app': 'a DNS-1123 label (lower-case letters, digits and -)',
  'gitops.apps.*': 'a directory name (no spaces, / or braces)',
  'gitops.path': 'a path relative to the repository root',
  'gitops.output': 'a path relative to the repository root',
  'gitops.prerelease': 'a prerelease id such as rc',
  'gitops.render': 'a command, e.g. "kustomize build --enable-helm {path}"',
  'gitops.helm.values.*': 'a path relative to the chart, e.g. values-{env}.yaml',
  'gitops.flux.interval': 'a duration such as 1m or 30s',
  'gitops.flux.applyInterval': 'a duration such as 10m',
};

const TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** A value as the user wrote it, shortened. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The config key an ajv instancePath names, with an environment's name in place of its index ("environments.qa.track"). */
function keyOf(raw: unknown, pointer: string): { key: string; pattern: string; value: unknown } {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  let value: unknown = raw;
  const key: string[] = [];
  const pattern: string[] = [];
  for (const part of parts) {
    const next = (value as Record<string, unknown> | undefined)?.[part];
    const name =
      key.length === 1 && key[0] === 'environments' ? (next as { name?: unknown } | undefined)?.name : undefined;
    key.push(typeof name === 'string' && name ? name : part);
    pattern.push(/^\d+$/.test(part) ? '*' : part);
    value = next;
  }
  return { key: key.join('.'), pattern: pattern.join('.'), value };
}

/** What a value must be, for the type, const and enum errors an anyOf gathers ("a string or false"). */
function allowed(error: ErrorObject): string {
  if (error.keyword === 'type') return TYPES[error.params.type] ?? error.params.type;
  if (error.keyword === 'const') return JSON.stringify(error.params.allowedValue);
  if (error.keyword === 'enum')
    return `one of ${error.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  return 'valid';
}

/** One sentence per problem, naming the key and the value found; an anyOf's alternatives make one sentence. */
function describe(errors: readonly ErrorObject[], raw: unknown): string[] {
  const anyOf = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const names = new Set(errors.filter((e) => e.keyword === 'propertyNames').map((e) => e.instancePath));
  return errors.flatMap((error) => {
    const { key, pattern, value } = keyOf(raw, error.instancePath);
    const at = key ? `"${key}"` : 'the config';
    if (error.keyword === 'anyOf') {
      const options = errors.filter((e) => e !== error && e.instancePath === error.instancePath).map(allowed);
      return [`${at} must be ${options.join(' or ')}, not ${shown(value)}`];
    }
    if (anyOf.has(error.instancePath) || (names.has(error.instancePath) && error.keyword === 'pattern')) return [];
    switch (error.keyword) {
      case 'additionalProperties':
        return [`"${[key, error.params.additionalProperty].filter(Boolean).join('.')}" is not a known setting`];
      case 'required':
        return [`${at} needs "${error.params.missingProperty}"`];
      case 'type':
      case 'enum':
        return [`${at} must be ${allowed(error)}, not ${shown(value)}`];
      case 'pattern':
        return [
          `${at} must be ${PATTERNS[pattern] ?? `a string matching ${error.params.pattern}`}, not ${shown(value)}`,
        ];
      case 'propertyNames':
        return [`${at} has the key "${error.params.propertyName}": its keys are commit types (letters, digits and _)`];
      case 'minItems':
        return [
          `${at} must list at least ${error.params.limit === 1 ? 'one entry' : `${error.params.limit} entries`}, not ${shown(value)}`,
        ];
      case 'uniqueItems':
        return [`${at} lists ${shown((value as unknown[])[error.params.j])} twice`];
      case 'minimum':
        return [`${at} must be at least ${error.params.limit}, not ${shown(value)}`];
      default:
        return [`${at} ${error.message}`];
    }
  });
}

/** The policy `raw` describes, or every problem with it as `file: key problem`. */
export function validatePolicy(raw: unknown, file: string): { policy: Policy } | { problems: string[] } {
  const copy = structuredClone(raw ?? {});
  if (validate(copy)) {
    // "$schema" is for editors, not a setting.
    const { $schema: _, ...policy } = copy as Policy & { $schema?: string };
    const problems = [
      ...checkEnvironments(policy.environments, policy),
      ...checkGitops(policy.gitops, policy.environments),
    ];
    return problems.length ? { problems: problems.map((p) => `${file}: ${p}`) } : { policy };
  }
  return { problems: describe(validate.errors ?? [], raw).map((p) => `${file}: ${p}`) };
}
