// Two renderings of one environment compared object by object (by identity: apiVersion/kind/namespace/name), and
// each changed object field by field: lists of named elements (containers, env, ports, volumes) by name, so a
// reordering is no change; a ConfigMap or Secret whose Kustomize hash suffix changed is one object renamed, not one
// removed and one added. Every field change goes through redact.ts before it leaves this module.
import type { FieldChange, PathStep } from './field-change.js';
import { equal, isMap, type Json, type K8sObject } from './objects.js';
import { isEncrypted, redact } from './redact.js';

export interface ObjectChange {
  change: 'added' | 'removed' | 'changed';
  apiVersion: string;
  kind: string;
  namespace: string;
  /** The name after (the name before, for a removed object). */
  name: string;
  /** The name before, when only Kustomize's hash suffix changed. */
  renamedFrom?: string;
  /** For a changed object: what changed, in the order of the document. */
  fields: FieldChange[];
}

export interface ObjectDiff {
  /** Changed, added, removed: in the order of the `after` rendering, then the removed in the `before` one's. */
  objects: ObjectChange[];
  unchanged: number;
}

/** A name Kustomize's configMapGenerator / secretGenerator gave: `<stem>-<10 characters of its hash alphabet>`. */
const HASHED = /^(.+)-[bcdfghkmt2456789]{10}$/;
const GENERATED_KINDS = new Set(['ConfigMap', 'Secret']);

/** Each element's `name`, when every element is a map with a distinct string name; else null (compared by index). */
function names(list: Json[]): string[] | null {
  const out: string[] = [];
  for (const item of list) {
    if (!isMap(item) || typeof item.name !== 'string') return null;
    out.push(item.name);
  }
  return new Set(out).size === out.length ? out : null;
}

const isScalar = (value: Json) => value === null || typeof value !== 'object';

/** The changes that turn `a` into `b`, below `path`. */
function diffValues(a: Json, b: Json, path: PathStep[], out: FieldChange[]): void {
  if (equal(a, b)) return;
  if (isMap(a) && isMap(b)) {
    for (const key of Object.keys(b))
      if (!(key in a)) out.push({ path: [...path, key], change: 'added', after: b[key] });
      else diffValues(a[key], b[key], [...path, key], out);
    for (const key of Object.keys(a))
      if (!(key in b)) out.push({ path: [...path, key], change: 'removed', before: a[key] });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const [na, nb] = [names(a), names(b)];
    if (na && nb) {
      const before = new Map(na.map((name, i) => [name, a[i]]));
      const after = new Set(nb);
      nb.forEach((name, i) => {
        const step = { name };
        if (!before.has(name)) out.push({ path: [...path, step], change: 'added', after: b[i] });
        else diffValues(before.get(name)!, b[i], [...path, step], out);
      });
      for (const name of na)
        if (!after.has(name)) out.push({ path: [...path, { name }], change: 'removed', before: before.get(name)! });
      return;
    }
    // A list of plain values (args, command) changes as a whole: by index, one insertion would read as many changes.
    if (!a.every(isScalar) || !b.every(isScalar)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++)
        if (i >= a.length) out.push({ path: [...path, i], change: 'added', after: b[i] });
        else if (i >= b.length) out.push({ path: [...path, i], change: 'removed', before: a[i] });
        else diffValues(a[i], b[i], [...path, i], out);
      return;
    }
  }
  out.push({ path, change: 'changed', before: a, after: b });
}

/** The field changes from `before` to `after` (both one object), without a rename's own `metadata.name`. */
function diffObject(before: K8sObject, after: K8sObject, renames: ReadonlyMap<string, string>): FieldChange[] {
  const fields: FieldChange[] = [];
  diffValues(before.body, after.body, [], fields);
  const kept = fields
    .filter(
      (f) => !(before.name !== after.name && f.path.length === 2 && f.path[0] === 'metadata' && f.path[1] === 'name'),
    )
    .map((f) =>
      f.change === 'changed' && typeof f.before === 'string' && renames.get(f.before) === f.after
        ? { ...f, followsRename: true as const }
        : f,
    );
  return redact(after.kind, isEncrypted(before.body) || isEncrypted(after.body), before.body, after.body, kept);
}

const generatedStem = (object: K8sObject) =>
  GENERATED_KINDS.has(object.kind) ? (HASHED.exec(object.name)?.[1] ?? null) : null;

/** What changes from `before` to `after`, object by object. */
export function diffObjects(before: ReadonlyMap<string, K8sObject>, after: ReadonlyMap<string, K8sObject>): ObjectDiff {
  const added = [...after.values()].filter((o) => !before.has(o.id));
  const removed = [...before.values()].filter((o) => !after.has(o.id));
  // A generated ConfigMap or Secret whose hash changed: paired by apiVersion, kind, namespace and stem.
  const byStem = new Map<string, K8sObject[]>();
  for (const object of removed) {
    const stem = generatedStem(object);
    if (stem === null) continue;
    const key = `${object.apiVersion}/${object.kind}/${object.namespace}/${stem}`;
    byStem.set(key, [...(byStem.get(key) ?? []), object]);
  }
  const renamedTo = new Map<string, K8sObject>();
  for (const object of added) {
    const stem = generatedStem(object);
    const candidates =
      stem === null ? undefined : byStem.get(`${object.apiVersion}/${object.kind}/${object.namespace}/${stem}`);
    const old = candidates?.shift();
    if (old) renamedTo.set(object.id, old);
  }
  const renames = new Map([...renamedTo].map(([id, old]) => [old.name, after.get(id)!.name]));
  const renamedOld = new Set([...renamedTo.values()].map((o) => o.id));
  const objects: ObjectChange[] = [];
  let unchanged = 0;
  const head = (o: K8sObject) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name });
  for (const object of after.values()) {
    const old = before.get(object.id) ?? renamedTo.get(object.id);
    if (!old) {
      objects.push({ change: 'added', ...head(object), fields: [] });
      continue;
    }
    const fields = diffObject(old, object, renames);
    if (fields.length === 0 && old.name === object.name) {
      unchanged++;
      continue;
    }
    objects.push({
      change: 'changed',
      ...head(object),
      ...(old.name !== object.name ? { renamedFrom: old.name } : {}),
      fields,
    });
  }
  for (const object of removed)
    if (!renamedOld.has(object.id)) objects.push({ change: 'removed', ...head(object), fields: [] });
  return { objects, unchanged };
}

/** A path as the report prints it: `spec.template.spec.containers[api].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((step, i) =>
      typeof step === 'number'
        ? `[${step}]`
        : typeof step === 'object'
          ? `[${step.name}]`
          : /^[A-Za-z_$][\w$-]*$/.test(step)
            ? `${i ? '.' : ''}${step}`
            : `[${JSON.stringify(step)}]`,
    )
    .join('');
}
