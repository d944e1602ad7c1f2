// Which commits the revert commits of a range take with them, as conventional-commits-filter pairs them: a revert
// names every commit whose fields, each trimmed, equal those of its `revert` (the preset's: header and hash), and a
// commit goes with the first revert before it that names it and has not gone yet. The filter compares each commit
// with every revert still waiting and holds every commit after one: with a revert of an earlier release's commit at
// the top, 100,000 commits take it 2.7 s more. Indexed by those fields, pairing is linear, with the same pairs.

/** A revert's `revert`: the parser's fields are strings or null. */
export type Fields = Readonly<Record<string, string | null>>;

interface Entry<V> {
  value: V;
  order: number;
}

/**
 * The filter compares fields with ===, strings trimmed. A missing field is 0 and equals no null; a field that is
 * neither string nor null (a commit's notes) is [], which no revert's field is.
 */
function keyOf(names: readonly string[], fields: Readonly<Record<string, unknown>>): string {
  const values = names.map((name) => {
    const value = fields[name];
    return typeof value === 'string' ? value.trim() : value === undefined ? 0 : value === null ? null : [];
  });
  return JSON.stringify(values);
}

/** Each set of field names the reverts name, sorted, with the reverts waiting by those fields' values. */
interface Group<V> {
  names: string[];
  waiting: Map<string, Entry<V>[]>;
  /**
   * How many of them wait for each value of the first field, trimmed: a commit whose value is none of these is
   * named by none, and is not keyed (at 100k commits with a revert waiting from the top, keying each took 0.03 to
   * 0.06 s of the release). Null once a revert's first field is not a string.
   */
  firsts: Map<string, number> | null;
}

export class RevertIndex<V> {
  readonly #byNames = new Map<string, Group<V>>();
  #added = 0;
  #size = 0;

  /** How many reverts wait. */
  get size(): number {
    return this.#size;
  }

  /** A revert that names `revert`'s fields, with what the caller keeps of it. */
  add(revert: Fields, value: V): void {
    const names = Object.keys(revert).sort();
    const id = JSON.stringify(names);
    let group = this.#byNames.get(id);
    if (!group) this.#byNames.set(id, (group = { names, waiting: new Map(), firsts: new Map() }));
    const first = revert[names[0]];
    if (typeof first !== 'string') group.firsts = null;
    else group.firsts?.set(first.trim(), (group.firsts.get(first.trim()) ?? 0) + 1);
    const key = keyOf(names, revert);
    const entry = { value, order: this.#added++ };
    const queue = group.waiting.get(key);
    if (queue) queue.push(entry);
    else group.waiting.set(key, [entry]);
    this.#size++;
  }

  /** The value of the first revert added that names `commit`, which stops waiting; undefined when none does. */
  take(commit: Readonly<Record<string, unknown>>): V | undefined {
    if (this.#size === 0) return undefined;
    let first: Entry<V>[] | undefined;
    let firstKey = '';
    let firstGroup: Group<V> | undefined;
    for (const group of this.#byNames.values()) {
      const { names, waiting, firsts } = group;
      if (firsts) {
        const value = commit[names[0]];
        if (typeof value !== 'string' || !firsts.has(value.trim())) continue;
      }
      const key = keyOf(names, commit);
      const queue = waiting.get(key);
      if (queue && (!first || queue[0].order < first[0].order)) [first, firstKey, firstGroup] = [queue, key, group];
    }
    if (!first) return undefined;
    const { value } = first.shift()!;
    if (first.length === 0) firstGroup!.waiting.delete(firstKey);
    const { names, firsts } = firstGroup!;
    if (firsts) {
      const taken = (commit[names[0]] as string).trim();
      const left = firsts.get(taken)! - 1;
      if (left === 0) firsts.delete(taken);
      else firsts.set(taken, left);
    }
    this.#size--;
    return value;
  }

  /** What is kept of the reverts still waiting, in the order they were added. */
  *waiting(): IterableIterator<V> {
    const entries = [...this.#byNames.values()].flatMap(({ waiting }) => [...waiting.values()].flat());
    for (const entry of entries.sort((a, b) => a.order - b.order)) yield entry.value;
  }
}

/**
 * `commits` without the reverted ones and the reverts that took them, in their order: conventional-commits-filter's
 * filterRevertedCommitsSync, linear. A commit is seen as itself; the filter reads `raw`, which none here has.
 */
export function withoutReverted<T extends { revert?: unknown }>(commits: Iterable<T>): T[] {
  const index = new RevertIndex<number>();
  const kept: (T | null)[] = [];
  for (const commit of commits) {
    const revert = index.take(commit as Readonly<Record<string, unknown>>);
    if (revert !== undefined) kept[revert] = null;
    else if (commit.revert) index.add(commit.revert as Fields, kept.push(commit) - 1);
    else kept.push(commit);
  }
  return kept.filter((c) => c !== null);
}
