// Validates generated Argo CD / Flux manifests with the field's maintained models: @kubernetes-models/argo-cd
// (generated from Argo CD v3's Application CRD) and @kubernetes-models/flux-cd (Flux v2's v1 GitRepository and
// Kustomization). Their validate() checks types, enums and required fields; it lets unknown fields through, so
// every field is also looked up in the same models' type declarations: a misspelled field fails.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization';
import { GitRepository } from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
/** A models package's own file (its exports map names only the .js entry points). */
const modelFile = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

const MODELS = {
  Application: {
    model: Application,
    types: modelFile('@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1/Application.d.ts'),
    name: 'IApplication',
  },
  GitRepository: {
    model: GitRepository,
    types: modelFile('@kubernetes-models/flux-cd', 'source.toolkit.fluxcd.io/v1/GitRepository.d.ts'),
    name: 'IGitRepository',
  },
  Kustomization: {
    model: Kustomization,
    types: modelFile('@kubernetes-models/flux-cd', 'kustomize.toolkit.fluxcd.io/v1/Kustomization.d.ts'),
    name: 'IKustomization',
  },
} as const;
type Kind = keyof typeof MODELS;

let checker: ts.TypeChecker | null = null;
let program: ts.Program | null = null;
/** The declared type of `kind`'s interface, from the models' .d.ts (one TypeScript program for all kinds). */
function declaredType(kind: Kind): ts.Type {
  program ??= ts.createProgram(
    Object.values(MODELS).map((m) => m.types),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  );
  checker ??= program.getTypeChecker();
  const file = program.getSourceFile(MODELS[kind].types)!;
  return checker.getDeclaredTypeOfSymbol(
    checker.getSymbolAtLocation(file)!.exports!.get(MODELS[kind].name as ts.__String)!,
  );
}

/** The fields of `value` that `type` does not declare, as paths. */
function unknownFields(value: unknown, type: ts.Type, path: string, out: string[]): void {
  if (value === null || typeof value !== 'object') return;
  const c = checker!;
  const t = c.getNonNullableType(type);
  const objects = (t.isUnion() ? t.types : [t]).filter((member) => member.flags & ts.TypeFlags.Object);
  if (Array.isArray(value)) {
    const element = objects.find((member) => c.isArrayType(member));
    if (element)
      value.forEach((item, i) =>
        unknownFields(item, c.getTypeArguments(element as ts.TypeReference)[0], `${path}[${i}]`, out),
      );
    return;
  }
  // A map (labels, annotations) or a free-form object (x-kubernetes-preserve-unknown-fields) takes any field.
  if (
    objects.length === 0 ||
    objects.some((member) => c.getIndexInfosOfType(member).length > 0 || c.getPropertiesOfType(member).length === 0)
  )
    return;
  for (const [key, field] of Object.entries(value)) {
    const declared = objects.map((member) => member.getProperty(key)).find((p) => p !== undefined);
    if (!declared) out.push(`${path}.${key} is not a field`);
    else unknownFields(field, c.getTypeOfSymbol(declared), `${path}.${key}`, out);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every problem with the YAML documents in `text`, as `kind/name: problem`; [] when all are valid. */
export function crdProblems(text: string): string[] {
  const problems: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) problems.push(...doc.errors.map((e) => `yaml: ${e.message}`));
    const object = doc.toJS();
    const kind = object?.kind as Kind;
    const at = `${kind}/${object?.metadata?.name}`;
    if (!(kind in MODELS)) {
      problems.push(`${at}: not a kind we generate`);
      continue;
    }
    const { model } = MODELS[kind];
    if (object.apiVersion !== model.apiVersion) problems.push(`${at}: apiVersion must be ${model.apiVersion}`);
    if (!DNS_LABEL.test(object.metadata?.name ?? '')) problems.push(`${at}: metadata.name is not a DNS-1123 label`);
    try {
      new model(object).validate();
    } catch (err) {
      problems.push(`${at}: ${(err as Error).message}`);
    }
    const unknown: string[] = [];
    unknownFields(object, declaredType(kind), '', unknown);
    problems.push(...unknown.map((p) => `${at}: ${p}`));
  }
  return problems;
}
