// Validates generated Argo CD / Flux manifests against the real CRD schemas vendored in test/fixtures/schemas, in
// the strict variant (test/fixtures/schemas/README.md): every object with properties closed, so a typo fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { PROJECT } from './repo.js';

const K8S_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type', 'x-kubernetes-validations', 'x-kubernetes-embedded-resource',
];
const CRDS = {
  Application: 'argocd/application-crd.yaml',
  GitRepository: 'flux/source.toolkit.fluxcd.io_gitrepositories.yaml',
  Kustomization: 'flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml',
} as const;

type Schema = Record<string, unknown>;
const strictify = (s: unknown): unknown => {
  if (Array.isArray(s)) return s.map(strictify);
  if (!s || typeof s !== 'object') return s;
  const o: Schema = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, strictify(v)]));
  if (o.type === 'object' && o.properties && o.additionalProperties === undefined && !o['x-kubernetes-preserve-unknown-fields']) o.additionalProperties = false;
  return o;
};

const compiled = new Map<string, { validate: ValidateFunction; apiVersion: string }>();
function validatorFor(kind: keyof typeof CRDS) {
  let entry = compiled.get(kind);
  if (!entry) {
    const crd = parse(readFileSync(join(PROJECT, 'test/fixtures/schemas', CRDS[kind]), 'utf8'));
    const version = crd.spec.versions.find((v: { storage: boolean }) => v.storage);
    const ajv = new Ajv({ strict: false, allErrors: true, formats: { int64: true, 'date-time': true } });
    for (const keyword of K8S_KEYWORDS) ajv.addKeyword(keyword);
    entry = { validate: ajv.compile(strictify(version.schema.openAPIV3Schema) as Schema), apiVersion: `${crd.spec.group}/${version.name}` };
    compiled.set(kind, entry);
  }
  return entry;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every problem with the YAML documents in `text`, as `kind/name: problem`; [] when all are valid. */
export function crdProblems(text: string): string[] {
  const problems: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) problems.push(...doc.errors.map((e) => `yaml: ${e.message}`));
    const object = doc.toJS();
    const kind = object?.kind as keyof typeof CRDS;
    const at = `${kind}/${object?.metadata?.name}`;
    if (!(kind in CRDS)) {
      problems.push(`${at}: not a kind we generate`);
      continue;
    }
    const { validate, apiVersion } = validatorFor(kind);
    if (object.apiVersion !== apiVersion) problems.push(`${at}: apiVersion must be ${apiVersion}`);
    if (!DNS_LABEL.test(object.metadata?.name ?? '')) problems.push(`${at}: metadata.name is not a DNS-1123 label`);
    if (!validate(object)) problems.push(...(validate.errors ?? []).map((e) => `${at}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  }
  return problems;
}
