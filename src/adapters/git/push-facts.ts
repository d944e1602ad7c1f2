// Reads the facts the push rules decide on, for the client's pre-push hook and the server's pre-receive hook, in a
// fixed number of git calls whatever the push holds (50,000 commits, 3,000 tags): one ref listing, one log of the
// trunk's new commits, one peel of every pushed tag, one diff of the release commits, one log of what to lint (and,
// when the push moves an environment inside a freeze window, one read of the tags that move it).
import { compare } from 'semver';
import { releaseTagOf } from '../../core/commits/release-commit.js';
import { evaluateGates, type EnvGates } from '../../core/environments/gates.js';
import { recordsFreezeOverride } from '../../core/environments/override.js';
import { runsAmong } from '../../core/environments/resolve.js';
import { configuredTool, FALLBACK_TOOL } from '../../core/gitops/registry.js';
import { matchBranch } from '../../core/policy/branch-pattern.js';
import type { Policy } from '../../core/policy/policy.js';
import { releasePaths, type PushedRef, type PushFacts, type TrunkCommit } from '../../core/policy/push.js';
import { isGuardedTag, parseTag } from '../../core/versioning/tag.js';
import { commitGraph, messageReader, readCommits, type CommitMessage } from './log.js';
import { readObjects } from './objects.js';
import { lines, type Repo } from './repo.js';

type MessageReader = ReturnType<typeof messageReader>;

export const ZERO = '0000000000000000000000000000000000000000';

/** One ref update of a push: the ref on the receiving side, its sha there before (`old`) and after (`new`). */
export interface RefUpdate {
  ref: string;
  old: string;
  new: string;
}

/** Parses the `<local ref> <local sha> <remote ref> <remote sha>` lines of a pre-push hook's stdin. */
export function parseRefUpdates(stdin: string): RefUpdate[] {
  return lines(stdin).map((line) => {
    const [, localSha, remoteRef, remoteSha] = line.trim().split(' ');
    return { ref: remoteRef, old: remoteSha, new: localSha };
  });
}

/** Parses the `<old sha> <new sha> <ref>` lines of a pre-receive hook's stdin (the server's view of a push). */
export function parseReceiveUpdates(stdin: string): RefUpdate[] {
  return lines(stdin).map((line) => {
    const [old, sha, ref] = line.trim().split(' ');
    return { ref, old, new: sha };
  });
}

/**
 * What the receiving side already holds. On the server: its own refs before the push. On a client: the
 * remote-tracking refs of the remote pushed to (`refs/remotes/<remote>/…`, read as branches) and the local tags.
 */
export interface Holdings {
  /** Branch name → sha. */
  branches: Map<string, string>;
  /** Tag name → the commit (or object) it peels to. */
  tags: Map<string, string>;
  /** A client's own branches (name → sha): a commit on one reached the trunk through a branch, as a fast-forward merge. */
  local: Map<string, string>;
}

/** The server's own refs: branches under refs/heads and tags; refs/remotes and other namespaces never count. */
export async function serverHoldings(repo: Repo): Promise<Holdings> {
  return holdings(repo, ['refs/heads', 'refs/tags'], 'refs/heads/');
}

/** A client's view of `remote`: its remote-tracking branches, and this clone's tags. */
export async function clientHoldings(repo: Repo, remote: string): Promise<Holdings> {
  return holdings(repo, [`refs/remotes/${remote}`, 'refs/tags', 'refs/heads'], `refs/remotes/${remote}/`);
}

/**
 * The one ref update the pre-commit framework names to a pre-push hook in its environment (it keeps git's stdin to
 * itself): the remote ref, the pushed sha, and the remote's sha as far as this clone knows. pre-commit passes the
 * remote's sha as `fromRef` when this clone has that commit; otherwise the parent of the first commit to push, or
 * nothing for a history pushed from its root. A ref without a remote-tracking ref (a new branch, any tag) is new.
 */
export async function preCommitUpdate(
  repo: Repo,
  held: Holdings,
  named: { localBranch: string; remoteBranch: string; fromRef?: string; toRef?: string },
): Promise<RefUpdate> {
  const sha = named.toRef ?? (await repo.git(['rev-parse', '--verify', named.localBranch])).trim();
  const tracked = named.remoteBranch.startsWith('refs/heads/')
    ? held.branches.get(named.remoteBranch.slice('refs/heads/'.length))
    : undefined;
  return { ref: named.remoteBranch, new: sha, old: tracked === undefined ? ZERO : (named.fromRef ?? tracked) };
}

/** The local branches and tags holding commits that none of the remote's branches (`held`, remote-tracking) has. */
export async function unpushedRefs(repo: Repo, held: Holdings): Promise<string[]> {
  const tips = [...new Set(held.branches.values())].map((sha) => `--no-merged=${sha}`);
  const out = await repo.git([
    'for-each-ref',
    '--format=%(refname)%00%(objecttype)%00%(*objecttype)',
    ...tips,
    'refs/heads',
    'refs/tags',
  ]);
  return lines(out)
    .map((line) => line.split('\0'))
    .filter(([, type, peeled]) => (peeled || type) === 'commit')
    .map(([ref]) => ref);
}

async function holdings(repo: Repo, patterns: string[], branchPrefix: string): Promise<Holdings> {
  const out = await repo.git([
    'for-each-ref',
    '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(*objecttype)',
    ...patterns,
  ]);
  const held: Holdings = { branches: new Map(), tags: new Map(), local: new Map() };
  // for-each-ref peels one level: a tag of a tag is peeled to the end with one cat-file, in a batch.
  const nested: string[] = [];
  for (const line of lines(out)) {
    const [ref, sha, peeled, peeledType] = line.split('\0');
    if (ref.startsWith('refs/tags/')) {
      held.tags.set(ref.slice('refs/tags/'.length), peeled || sha);
      if (peeledType === 'tag') nested.push(ref.slice('refs/tags/'.length));
    } else if (ref.startsWith(branchPrefix)) {
      if (ref !== `${branchPrefix}HEAD`) held.branches.set(ref.slice(branchPrefix.length), sha);
    } else if (ref.startsWith('refs/heads/')) held.local.set(ref.slice('refs/heads/'.length), sha);
  }
  const ends = await peel(
    repo,
    nested.map((name) => held.tags.get(name)!),
  );
  nested.forEach((name, i) => held.tags.set(name, ends[i].sha));
  return held;
}

const isBranch = (ref: string) => ref.startsWith('refs/heads/');
const isTag = (ref: string) => ref.startsWith('refs/tags/');
const isAllowed = (policy: Policy, name: string) => name !== policy.trunk && matchBranch(name, policy.branches);

/**
 * Each changed path of each commit against its first parent, in one `git diff-tree --stdin`. A path that becomes
 * anything but a regular file (a symlink, a submodule) is named with its mode: a release never writes one.
 */
async function changedPaths(repo: Repo, shas: string[]): Promise<Map<string, string[]>> {
  const changed = new Map<string, string[]>(shas.map((sha) => [sha, []]));
  if (shas.length === 0) return changed;
  const out = await repo.git(['diff-tree', '--stdin', '-r', '--raw', '--no-renames', '-z'], {
    input: `${shas.join('\n')}\n`,
  });
  // -z: "<commit>\0" then, per path, ":<old mode> <new mode> <old> <new> <status>\0<path>\0".
  const fields = out.split('\0');
  let current: string[] | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i].replace(/^\n/, '');
    if (changed.has(field)) current = changed.get(field);
    else if (field.startsWith(':') && current) {
      const mode = field.slice(1).split(' ')[1];
      const path = fields[++i];
      current.push(mode === '100644' || mode === '100755' || mode === '000000' ? path : `${path} (as mode ${mode})`);
    }
  }
  return changed;
}

/**
 * The pointer manifests trunk-init generates for the release `tag` at the release commit `sha` (path → content), or
 * null when they cannot be computed here; supplied by the caller, which owns the manifests generator.
 */
export type PointerGenerator = (sha: string, tag: string) => Promise<Map<string, string> | null>;

/** The pointer files a release commit writes that differ from what `generate` gives (all of them, if it gives none). */
async function foreignPointers(
  repo: Repo,
  sha: string,
  tag: string,
  paths: string[],
  generate: PointerGenerator,
): Promise<string[]> {
  if (paths.length === 0) return [];
  const [expected, blobs] = await Promise.all([
    generate(sha, tag),
    readObjects(
      repo,
      paths.map((path) => `${sha}:${path}`),
    ),
  ]);
  if (!expected) return paths;
  const contents = blobs.map((blob) => (blob?.type === 'blob' ? blob.content.toString('utf8') : null));
  return paths.filter((path, i) => contents[i] === null || expected.get(path) !== contents[i]);
}

async function readTrunk(
  repo: Repo,
  policy: Policy,
  update: RefUpdate,
  context: {
    updates: RefUpdate[];
    held: Holdings;
    pushedTags: Map<string, string>;
    generate: PointerGenerator;
    read: MessageReader;
  },
): Promise<PushedRef> {
  const { updates, held, pushedTags, generate, read } = context;
  const base = {
    kind: 'trunk' as const,
    name: policy.trunk,
    deleted: update.new === ZERO,
    created: update.old === ZERO,
    forward: true,
    linear: true,
    commits: [],
  };
  if (base.deleted || base.created) return base;
  // A client may not have what the remote holds (it moved on): then this push can only replace it.
  const known = await repo.git(['cat-file', '--batch-check=%(objecttype)'], { input: `${update.old}\n` });
  if (!known.startsWith('commit')) return { ...base, forward: false, linear: false };
  // The commits of new not reachable from old: their parents (hex only, from rev-list) are the graph judged.
  const parentsOf = await commitGraph(repo, [update.new, `^${update.old}`]);
  // The first-parent line from the new tip back to where it leaves the new commits: it must leave at the old tip.
  const shas: string[] = [];
  for (let sha: string | undefined = update.new; sha !== undefined && parentsOf.has(sha); sha = parentsOf.get(sha)![0])
    shas.push(sha);
  const exit = parentsOf.get(shas.at(-1) ?? '')?.[0];
  if (exit !== update.old) {
    const forward = (await repo.git(['rev-list', '--count', update.old, `^${update.new}`])).trim() === '0';
    return { ...base, forward, linear: false };
  }
  shas.reverse();
  const messages = await read(shas);
  const line = shas.map((sha) => ({ sha, parents: parentsOf.get(sha)!, message: messages.get(sha)! }));
  const graph = parentsOf;
  // Commits a judged branch holds (existing, or pushed alongside): reached through a branch, as a fast-forward merge.
  const branchTips = [
    ...[...held.branches, ...held.local].filter(([name]) => isAllowed(policy, name)).map(([, sha]) => sha),
    ...updates
      .filter((u) => isBranch(u.ref) && u.new !== ZERO && isAllowed(policy, u.ref.slice('refs/heads/'.length)))
      .map((u) => u.new),
  ];
  const onBranches = new Set(
    branchTips.length
      ? lines(await repo.git(['rev-list', '--stdin'], { input: [...branchTips, `^${update.old}`].join('\n') + '\n' }))
      : [],
  );
  // Everything the trunk holds, commit by commit along the line: a merged parent already in it brings nothing.
  const trunkHolds = new Set<string>();
  const take = (sha: string) => {
    const stack = [sha];
    while (stack.length) {
      const next = stack.pop()!;
      const parents = graph.get(next);
      if (!parents || trunkHolds.has(next)) continue;
      trunkHolds.add(next);
      stack.push(...parents);
    }
  };
  const releases = line.filter((c) => c.parents.length === 1 && releaseTagOf(c.message) !== null).map((c) => c.sha);
  const changed = await changedPaths(repo, releases);
  const { dirs } = releasePaths(policy);
  const pointers = new Map(
    await Promise.all(
      releases.map(async (sha) => {
        const paths = (changed.get(sha) ?? []).filter((path) => dirs.some((dir) => path.startsWith(dir)));
        return [sha, await foreignPointers(repo, sha, releaseTagOf(messages.get(sha)!)!, paths, generate)] as const;
      }),
    ),
  );
  const commits = line.map((c): TrunkCommit => {
    const merged = c.parents.slice(1);
    const emptyParents = merged.filter((p) => !graph.has(p) || trunkHolds.has(p));
    merged.forEach(take);
    trunkHolds.add(c.sha);
    const tag = releaseTagOf(c.message);
    return {
      sha: c.sha,
      subject: c.message.split('\n', 1)[0],
      parents: c.parents.length,
      emptyParents,
      fromBranch: c.parents.length === 1 ? onBranches.has(c.sha) : merged.every((p) => onBranches.has(p)),
      release:
        tag === null
          ? null
          : {
              tag,
              tagged: (pushedTags.get(tag) ?? held.tags.get(tag)) === c.sha,
              changed: changed.get(c.sha) ?? [],
              foreignPointers: pointers.get(c.sha) ?? [],
            },
    };
  });
  return { ...base, commits };
}

/** The peeled object and its type for each pushed tag, in one `git cat-file --batch-check`. */
async function peel(repo: Repo, shas: string[]): Promise<{ sha: string; type: string }[]> {
  if (shas.length === 0) return [];
  const out = await repo.git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: shas.map((sha) => `${sha}^{}\n`).join(''),
  });
  return lines(out).map((line) => {
    const [sha, type] = line.split(' ');
    return { sha, type: type ?? 'missing' };
  });
}

/**
 * The environments with a closed freeze window at `now` that the push moves to another commit, by the pushed tag
 * each then runs (as its GitOps tool resolves the tags before and after the push), and whether that tag's message
 * records the override.
 */
async function frozenMoves(
  repo: Repo,
  policy: Policy,
  held: Holdings,
  pushed: Map<string, { object: string; commit: string }>,
  now: number,
): Promise<Map<string, (EnvGates & { recorded: boolean })[]>> {
  const moves = new Map<string, EnvGates[]>();
  const { environments, trunk } = policy;
  const frozen = environments.flatMap((env, i) => {
    if (!env.promotion?.freeze?.length) return [];
    const report = evaluateGates(env.promotion, { kind: 'release' }, now);
    return report.open ? [] : [{ i, gates: { env: env.name, report } }];
  });
  if (frozen.length === 0) return new Map();
  const tool = configuredTool(policy.gitops) ?? FALLBACK_TOOL;
  const before = [...held.tags.keys()].filter((name) => !pushed.has(name));
  const after = [...before, ...pushed.keys()];
  const commit = (name: string) => pushed.get(name)?.commit ?? held.tags.get(name);
  for (const { i, gates } of frozen) {
    const from = runsAmong(environments, i, trunk, before, tool);
    const to = runsAmong(environments, i, trunk, after, tool);
    if (to !== null && pushed.has(to) && (from === null || commit(from) !== commit(to)))
      moves.set(to, [...(moves.get(to) ?? []), gates]);
  }
  const names = [...moves.keys()];
  const objects = await readObjects(
    repo,
    names.map((name) => pushed.get(name)!.object),
  );
  return new Map(
    names.map((name, i) => {
      // A lightweight tag has no message to record an override in.
      const message = objects[i]?.type === 'tag' ? objects[i]!.content.toString('utf8') : '';
      return [name, moves.get(name)!.map((g) => ({ ...g, recorded: recordsFreezeOverride(message, g.env) }))];
    }),
  );
}

async function readTags(
  repo: Repo,
  policy: Policy,
  updates: RefUpdate[],
  held: Holdings,
  trunkTip: string | null,
  now: number,
): Promise<{ refs: PushedRef[]; peeled: Map<string, string> }> {
  const tagUpdates = updates.filter((u) => isTag(u.ref));
  const guarded = tagUpdates.filter(
    (u) => u.new !== ZERO && isGuardedTag(u.ref.slice('refs/tags/'.length), policy.tagPrefix),
  );
  const peeled = await peel(
    repo,
    guarded.map((u) => u.new),
  );
  const targets = new Map(guarded.map((u, i) => [u.ref, peeled[i]]));
  // The trunk's first-parent line, newest first: where each release sits on it.
  const needLine = guarded.some((u) => targets.get(u.ref)?.type === 'commit');
  const position = new Map(
    (needLine && trunkTip ? lines(await repo.git(['rev-list', '--first-parent', trunkTip])) : []).map((sha, i) => [
      sha,
      i,
    ]),
  );
  const pushedNames = new Set(tagUpdates.map((u) => u.ref.slice('refs/tags/'.length)));
  const releases = [...held.tags]
    .filter(([name]) => !pushedNames.has(name))
    .map(([name, sha]) => ({ name, sha, version: parseTag(name, policy.tagPrefix) }))
    .filter((r): r is { name: string; sha: string; version: string } => r.version !== null);
  const highest = releases.reduce<(typeof releases)[number] | null>(
    (top, r) => (!top || compare(r.version, top.version) > 0 ? r : top),
    null,
  );
  // Versions must grow along the trunk: a release on older code than a lower version (held, or pushed with it)
  // would roll environments back. For each position on the line: the lowest version on a newer commit.
  const pushedReleases = guarded
    .map((u) => ({
      name: u.ref.slice('refs/tags/'.length),
      sha: targets.get(u.ref)!.sha,
      version: parseTag(u.ref.slice('refs/tags/'.length), policy.tagPrefix),
      object: u.new,
    }))
    .filter((r): r is { name: string; sha: string; version: string; object: string } => r.version !== null);
  const placed = [...releases, ...pushedReleases]
    .filter((r) => position.has(r.sha))
    .sort((a, b) => position.get(a.sha)! - position.get(b.sha)!);
  const lowestNewer = new Map<number, (typeof placed)[number] | null>();
  let lowest: (typeof placed)[number] | null = null;
  for (const r of placed) {
    const at = position.get(r.sha)!;
    if (!lowestNewer.has(at)) lowestNewer.set(at, lowest);
    if (!lowest || compare(r.version, lowest.version) < 0) lowest = r;
  }
  const frozen = await frozenMoves(
    repo,
    policy,
    held,
    new Map(pushedReleases.map((r) => [r.name, { object: r.object, commit: r.sha }])),
    now,
  );
  const refs = tagUpdates.map((u): PushedRef => {
    const name = u.ref.slice('refs/tags/'.length);
    const target = targets.get(u.ref);
    const version = parseTag(name, policy.tagPrefix);
    const at = target ? position.get(target.sha) : undefined;
    const lower = version && at !== undefined ? (lowestNewer.get(at) ?? null) : null;
    return {
      kind: 'tag',
      name,
      sha: u.new,
      deleted: u.new === ZERO,
      moved: u.new !== ZERO && u.old !== ZERO && u.old !== u.new,
      target: !target || target.type === 'commit' ? 'commit' : 'other',
      onTrunk: !target || at !== undefined,
      notNewer: version && highest && compare(version, highest.version) <= 0 ? highest.name : null,
      behind: lower && version && compare(lower.version, version) < 0 ? lower.name : null,
      frozen: frozen.get(name) ?? [],
    };
  });
  return { refs, peeled: new Map(guarded.map((u, i) => [u.ref.slice('refs/tags/'.length), peeled[i].sha])) };
}

/**
 * Facts about a push, and every commit whose message must be linted: those the pushed branches bring that no judged
 * ref holds (the trunk, branches matching `branches`, valid release tags). Refs in other namespaces, free tags and
 * refs/remotes prove nothing: a commit parked there is new when a branch reaches it.
 */
export async function readPushFacts(
  repo: Repo,
  policy: Policy,
  updates: RefUpdate[],
  held: Holdings,
  side: PushFacts['side'],
  generate: PointerGenerator,
  now: number,
): Promise<{ facts: PushFacts; commits: CommitMessage[] }> {
  const trunkRef = `refs/heads/${policy.trunk}`;
  const trunkUpdate = updates.find((u) => u.ref === trunkRef);
  // The trunk as it is after the push; a client's own trunk counts, as the push it prepares (the server re-judges).
  const trunkTip =
    trunkUpdate && trunkUpdate.new !== ZERO
      ? trunkUpdate.new
      : (held.local.get(policy.trunk) ?? held.branches.get(policy.trunk) ?? null);
  const tags = await readTags(repo, policy, updates, held, trunkTip, now);
  const read = messageReader(repo);
  const refs: PushedRef[] = [];
  for (const u of updates) {
    if (u.ref === trunkRef)
      refs.push(await readTrunk(repo, policy, u, { updates, held, pushedTags: tags.peeled, generate, read }));
    else if (isBranch(u.ref))
      refs.push({ kind: 'branch', name: u.ref.slice('refs/heads/'.length), deleted: u.new === ZERO });
    else if (!isTag(u.ref)) refs.push({ kind: 'other', name: u.ref, deleted: u.new === ZERO });
  }
  refs.push(...tags.refs);
  // A trunk the receiving side does not have yet is an import of the history as it is: not linted.
  const heads = updates
    .filter((u) => isBranch(u.ref) && u.new !== ZERO && !(u.ref === trunkRef && u.old === ZERO))
    .map((u) => u.new);
  if (heads.length === 0) return { facts: { side, refs }, commits: [] };
  // The server trusts only what it judged; a client takes what the remote is known to have.
  const judged =
    side === 'server'
      ? [
          ...[...held.branches]
            .filter(([name]) => name === policy.trunk || isAllowed(policy, name))
            .map(([, sha]) => sha),
          ...[...held.tags].filter(([name]) => parseTag(name, policy.tagPrefix) !== null).map(([, sha]) => sha),
        ]
      : [...held.branches.values(), ...updates.map((u) => u.old).filter((sha) => sha !== ZERO)];
  const commits = await readCommits(repo, [...heads, ...[...new Set(judged)].map((sha) => `^${sha}`)], read);
  return { facts: { side, refs }, commits: commits.map(({ sha, message }) => ({ sha, message })) };
}
