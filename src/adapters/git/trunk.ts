// Which branch is the trunk of a repository trunk-init adopts: origin's default branch, else the local one.
import { lines, type Repo } from './repo.js';

const NAMES = ['main', 'master', 'trunk'];
const ORIGIN = 'refs/remotes/origin/';

export interface TrunkReading {
  trunk: string;
  /** This clone's own trunk when it has another name than origin's and no branch of origin's name (master, main). */
  localName: string | null;
}

/**
 * The trunk for a new config: origin's default branch (refs/remotes/origin/HEAD, else the only one of main, master
 * and trunk on origin); without one, main unless this clone's history lives on master or trunk only.
 */
export async function readTrunk(repo: Repo): Promise<TrunkReading> {
  const head = (await repo.git(['symbolic-ref', '-q', `${ORIGIN}HEAD`])).trim();
  const named = head.startsWith(ORIGIN) ? head.slice(ORIGIN.length) : null;
  const candidates = [...new Set([...NAMES, ...(named ? [named] : [])])];
  const found = new Set(
    lines(
      await repo.git([
        'for-each-ref',
        '--format=%(refname)',
        ...candidates.flatMap((name) => [`refs/heads/${name}`, `${ORIGIN}${name}`]),
      ]),
    ),
  );
  const local = NAMES.find((name) => found.has(`refs/heads/${name}`)) ?? null;
  const onOrigin = NAMES.filter((name) => found.has(`${ORIGIN}${name}`));
  const trunk = named ?? (onOrigin.length === 1 ? onOrigin[0] : null) ?? local ?? 'main';
  return { trunk, localName: local !== null && local !== trunk && !found.has(`refs/heads/${trunk}`) ? local : null };
}

/** The local branch that tracks origin's `trunk` under another name (a local master tracking origin/main), or null. */
export async function readTrunkAlias(repo: Repo, trunk: string): Promise<string | null> {
  const out = await repo.git(['for-each-ref', '--format=%(refname:short) %(upstream)', 'refs/heads']);
  return (
    lines(out)
      .map((line) => line.split(' '))
      .find(([name, upstream]) => upstream === `${ORIGIN}${trunk}` && name !== trunk)?.[0] ?? null
  );
}
