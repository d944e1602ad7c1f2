// What a renderer printed (or the plain YAML files of a directory), as Kubernetes objects keyed by their identity,
// apiVersion/kind/namespace/name: every document of a multi-document stream, the items of a `List` kind.
// js-yaml, not the `yaml` package the editors use: it parses 1,000 objects in ~30 ms where `yaml` takes ~350 ms.
import * as jsYaml from 'js-yaml';
import { errors } from '../../errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

export interface K8sObject {
  /** apiVersion/kind/namespace/name: what the cluster knows the object by (namespace '' when the object has none). */
  id: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  body: JsonMap;
}

export interface ObjectSet {
  objects: Map<string, K8sObject>;
  /** Documents that are not objects, objects given twice: said in the report, never silently dropped. */
  warnings: string[];
}

/** YAML 1.2's core types and merge keys (`<<: *base`); no timestamps (a date stays the string it was written as). */
// js-yaml exports its types; @types/js-yaml does not declare them.
const SCHEMA = jsYaml.CORE_SCHEMA.extend([(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge]);

/**
 * The values one rendering may expand to: aliases (`&a` … `*a`) share one value in the parse, so a few kilobytes of
 * YAML can stand for billions of values; copied out, they count.
 */
export const MAX_VALUES = 5_000_000;

const identity = (apiVersion: string, kind: string, namespace: string, name: string) =>
  `${apiVersion}/${kind}/${namespace}/${name}`;

/** A map (not a list, not null): parsed with the core schema, every value is JSON data. */
export const isMap = (value: unknown): value is JsonMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether two values are the same data: maps whatever their keys' order, lists in order. */
export function equal(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (!isMap(a) || !isMap(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
}

/** `value` as plain JSON data, copied (aliases expanded), counting each value against `budget`. */
function toJson(value: unknown, budget: { left: number }, source: string): Json {
  if (--budget.left < 0) throw errors.renderedTooLarge(source, MAX_VALUES);
  if (Array.isArray(value)) return value.map((v) => toJson(v, budget, source));
  if (isMap(value)) {
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v, budget, source);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return value === undefined || value === null ? null : String(value);
}

/** The documents of a YAML text, as parsed (aliases still shared); `source` names it in the error. */
export function readDocuments(text: string, source: string): unknown[] {
  try {
    return jsYaml.loadAll(text, null, { schema: SCHEMA, filename: source });
  } catch (err) {
    const problem =
      err instanceof jsYaml.YAMLException ? `${err.reason} at line ${(err.mark?.line ?? 0) + 1}` : String(err);
    throw errors.renderedNotYaml(source, problem);
  }
}

/** Adds the objects of one YAML text (a file, a renderer's output) to `set`. */
function addDocuments(set: ObjectSet, source: string, text: string, budget: { left: number }): void {
  readDocuments(text, source).forEach((document, i) => {
    if (document === null || document === undefined) return;
    const items =
      isMap(document) &&
      typeof document.kind === 'string' &&
      document.kind.endsWith('List') &&
      Array.isArray(document.items)
        ? document.items
        : [document];
    for (const item of items) {
      const body = toJson(item, budget, source);
      const meta = isMap(body) && isMap(body.metadata) ? body.metadata : null;
      if (
        !isMap(body) ||
        typeof body.apiVersion !== 'string' ||
        typeof body.kind !== 'string' ||
        typeof meta?.name !== 'string'
      ) {
        set.warnings.push(
          `${source}: document ${i + 1} has no apiVersion, kind or metadata.name, so it is not an object; skipped`,
        );
        continue;
      }
      const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
      const id = identity(body.apiVersion, body.kind, namespace, meta.name);
      if (set.objects.has(id))
        set.warnings.push(`${source}: ${body.kind} ${meta.name} is given twice; the last one counts`);
      set.objects.set(id, { id, apiVersion: body.apiVersion, kind: body.kind, namespace, name: meta.name, body });
    }
  });
}

/** The objects in `texts` (each named by its file, or by what printed it), in order; a later duplicate wins. */
export function parseObjects(texts: readonly { source: string; text: string }[]): ObjectSet {
  const set: ObjectSet = { objects: new Map(), warnings: [] };
  const budget = { left: MAX_VALUES };
  for (const { source, text } of texts) addDocuments(set, source, text, budget);
  return set;
}
