// What `trunk env` reads from git: every tag peeled to its commit, the trunk, what lies between the commits two
// environments run, and the directories at a commit (where the apps are).
import type { PairFacts } from '../../core/environments/checks.js';
import type { EnvRef, RefFacts, TagFact } from '../../core/environments/resolve.js';
import { isReleaseLooking } from '../../core/versioning/tag.js';
import { lines, type Repo } from './repo.js';

/** The trunk here: the local branch, else the remote-tracking one (a CI checkout has only that). */
async function trunkRef(repo: Repo, trunk: string): Promise<string | null> {
  for (const ref of [`refs/heads/${trunk}`, `refs/remotes/origin/${trunk}`])
    if ((await repo.git(['rev-parse', '--verify', '-q', `${ref}^{commit}`])).trim()) return ref;
  return null;
}

/**
 * The refs: every tag peeled (and, in `tagNames`, the name of every tag, a tag of a tree or blob too), the trunk, the
 * branches. `tip`, when given, is the commit the trunk is taken to be at (a pull request's base, or its merge).
 */
export async function readRefFacts(
  repo: Repo,
  trunk: string,
  tagPrefix: string,
  tip?: string,
): Promise<RefFacts & { branches: string[]; tagNames: string[] }> {
  const ref = tip ?? (await trunkRef(repo, trunk));
  const [tagLines, merged, branches, top] = await Promise.all([
    // %(*objectname) is the peeled commit of an annotated tag; empty for a lightweight one.
    repo.git([
      'for-each-ref',
      '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(*objecttype)%(objecttype)%00%(creatordate:unix)',
      'refs/tags',
    ]),
    ref ? repo.git(['tag', '--merged', ref]) : Promise.resolve(''),
    repo.git(['for-each-ref', '--format=%(refname:strip=2)', 'refs/heads']),
    ref ? repo.git(['log', '-1', '--format=%H%x00%ct', ref]) : Promise.resolve(''),
  ]);
  const onTrunk = new Set(lines(merged));
  const tags: TagFact[] = [];
  const tagNames: string[] = [];
  for (const line of lines(tagLines)) {
    const [name, object, peeled, type, date] = line.split('\0');
    tagNames.push(name);
    // A tag on a tree or blob runs nothing: the GitOps tools cannot check it out.
    if (!type.startsWith('commit')) continue;
    tags.push({ name, sha: peeled || object, date: Number(date), onTrunk: onTrunk.has(name) });
  }
  const [sha, date] = top.trim().split('\0');
  const describe = ref
    ? (await repo.git(['describe', '--tags', '--long', '--match', `${tagPrefix}[0-9]*`, ref]).catch(() => '')).trim()
    : '';
  const m = /^(.*)-(\d+)-g[0-9a-f]+$/.exec(describe);
  return {
    trunk,
    tagPrefix,
    trunkSha: sha || null,
    trunkDate: Number(date) || 0,
    trunkVersion: m ? `${m[1].slice(tagPrefix.length)}${m[2] === '0' ? '' : `+${m[2]}`}` : null,
    tags,
    tagNames,
    branches: lines(branches),
  };
}

const resolvedSha = (ref: EnvRef) => (ref.kind === 'unresolved' ? null : ref.sha);

/** The files under `scope` (the workload directories) that differ between two commits, with lines added and removed. */
export async function readChanges(
  repo: Repo,
  from: string,
  to: string,
  scope: readonly string[],
): Promise<PairFacts['changes']> {
  if (scope.length === 0) return [];
  const numstat = await repo.git([
    '--literal-pathspecs',
    'diff',
    '--numstat',
    '-z',
    '--no-renames',
    from,
    to,
    '--',
    ...scope,
  ]);
  return numstat
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [added, removed, path] = entry.split('\t');
      return { path, added: Number(added) || 0, removed: Number(removed) || 0 };
    });
}

/**
 * For each adjacent pair that both resolve: what the upstream runs that the downstream does not, and how the
 * workload files under `scope` differ between them.
 */
export async function readPairs(
  repo: Repo,
  refs: readonly EnvRef[],
  tagPrefix: string,
  scope: readonly string[],
): Promise<PairFacts[]> {
  const pairs: PairFacts[] = [];
  for (let i = 1; i < refs.length; i++) {
    const up = resolvedSha(refs[i - 1]);
    const down = resolvedSha(refs[i]);
    if (!up || !down) continue;
    const [log, ahead, tags, changes] = await Promise.all([
      repo.git(['log', '--format=%H%x00%s', `${down}..${up}`]),
      repo.git(['rev-list', '--count', `${up}..${down}`]),
      repo.git(['tag', '--merged', up, '--no-merged', down]),
      readChanges(repo, down, up, scope),
    ]);
    pairs.push({
      from: refs[i - 1].env.name,
      to: refs[i].env.name,
      waiting: lines(log).map((l) => {
        const [sha, subject] = l.split('\0');
        return { sha, subject };
      }),
      tags: lines(tags).filter((t) => isReleaseLooking(t, tagPrefix)),
      ahead: Number(ahead.trim()),
      changes,
    });
  }
  return pairs;
}

/** Every directory at `rev` under `paths` (and those on the way to them), or none when `rev` has no commit. */
export async function readDirectories(repo: Repo, rev: string, paths: readonly string[]): Promise<Set<string>> {
  if (!(await repo.git(['rev-parse', '--verify', '-q', `${rev}^{commit}`])).trim()) return new Set();
  const listed = await repo.git([
    '--literal-pathspecs',
    'ls-tree',
    '-r',
    '-d',
    '--name-only',
    '-z',
    rev,
    '--',
    ...paths,
  ]);
  return new Set(listed.split('\0').filter(Boolean));
}
