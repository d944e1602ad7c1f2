// What a report may not print: the values of a Secret (data, stringData, and the copy of them kubectl keeps in its
// last-applied annotation), and every value of a SOPS-encrypted document (one with `sops:` metadata, or an
// `ENC[…]` value). The change is still said, key by key: `data.password changed (value hidden)`.
import type { FieldChange } from './field-change.js';
import { equal, isMap, type Json, type JsonMap } from './objects.js';

const SECRET_MAPS = new Set(['data', 'stringData']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Whether `value` holds a SOPS-encrypted value (`ENC[AES256_GCM,data:…]`) anywhere. */
function holdsEncrypted(value: Json): boolean {
  if (typeof value === 'string') return value.startsWith('ENC[') && value.endsWith(']');
  if (Array.isArray(value)) return value.some(holdsEncrypted);
  return isMap(value) && Object.values(value).some(holdsEncrypted);
}

/** A document SOPS encrypted: its `sops:` metadata, or any `ENC[…]` value. */
export const isEncrypted = (body: JsonMap): boolean => isMap(body.sops) || holdsEncrypted(body);

/** The change without its values. */
const hide = (f: FieldChange): FieldChange => ({ path: f.path, change: f.change, hidden: true });

const secretPath = (f: FieldChange) =>
  (typeof f.path[0] === 'string' && SECRET_MAPS.has(f.path[0])) ||
  (f.path[0] === 'metadata' && f.path[1] === 'annotations' && f.path[2] === LAST_APPLIED);

/** The annotations of a Secret added or removed whole: with kubectl's last-applied copy (which holds the data) hidden. */
function withoutLastApplied(f: FieldChange): FieldChange {
  const scrub = (value: Json | undefined) =>
    isMap(value) && LAST_APPLIED in value ? { ...value, [LAST_APPLIED]: '(value hidden)' } : value;
  const { before, after, ...rest } = f;
  return {
    ...rest,
    ...(before === undefined ? {} : { before: scrub(before) }),
    ...(after === undefined ? {} : { after: scrub(after) }),
  };
}

/** A Secret's whole `data` (or `stringData`) added, removed or replaced: said key by key, every value hidden. */
function byKey(f: FieldChange, before: JsonMap, after: JsonMap): FieldChange[] {
  const key = f.path[0] as string;
  const [a, b] = [isMap(before[key]) ? before[key] : {}, isMap(after[key]) ? after[key] : {}];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: FieldChange[] = keys.flatMap((k): FieldChange[] => {
    if (!(k in a)) return [{ path: [key, k], change: 'added', hidden: true }];
    if (!(k in b)) return [{ path: [key, k], change: 'removed', hidden: true }];
    return equal(a[k], b[k]) ? [] : [{ path: [key, k], change: 'changed', hidden: true }];
  });
  return changes.length ? changes : [hide(f)];
}

/** `fields` (the changes of one object of `kind`) with every value the report may not print taken out. */
export function redact(
  kind: string,
  encrypted: boolean,
  before: JsonMap,
  after: JsonMap,
  fields: readonly FieldChange[],
): FieldChange[] {
  if (encrypted) return fields.map(hide);
  if (kind !== 'Secret') return [...fields];
  return fields.flatMap((f) =>
    secretPath(f)
      ? f.path.length === 1
        ? byKey(f, before, after)
        : [hide(f)]
      : f.path.length === 2 && f.path[0] === 'metadata' && f.path[1] === 'annotations'
        ? [withoutLastApplied(f)]
        : [f],
  );
}
