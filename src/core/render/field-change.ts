// What one field of an object did between two renderings: where it is, added, removed or changed, and the values
// the report may print. diff.ts makes them, redact.ts takes values out of them.
import type { Json } from './objects.js';

/** A step into a value: a map key, a list element by its `name`, a list element by index. */
export type PathStep = string | { name: string } | number;

export interface FieldChange {
  path: PathStep[];
  change: 'added' | 'removed' | 'changed';
  /** Absent when added, or hidden. */
  before?: Json;
  /** Absent when removed, or hidden. */
  after?: Json;
  /** A Secret's value, or any value of a SOPS-encrypted document: that it changed is said, never what to. */
  hidden?: true;
  /** The value is a generated name that follows an object's rename (a Deployment's configMapRef). */
  followsRename?: true;
}
