// `trunk-init --uninstall [--purge]`: takes out what trunk-init put in. Its blocks leave the hook files (a file that
// was trunk-init's alone goes), core.hooksPath is unset once no hook file is left in .husky/ (git then runs the
// clone's own .git/hooks again: trunk-init never moved them), package.json and the lines it appended go back to
// what they were, and trunk's own state in the git dir (.git/trunk-init/) goes. Configs, CI files and manifests stay
// unless --purge; a file changed since trunk-init wrote it is only ever edited, never replaced or deleted, so nothing
// written by hand is lost.
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { editJson } from '../adapters/config/edit.js';
import type { Repo } from '../adapters/git/repo.js';
import { HOOKS_PATH, HUSKY_DIR, readHooksPath } from '../adapters/hooks/install.js';
import { planManagerRemoval } from '../adapters/hooks/manager-setup.js';
import { forgetInstall, readRecord, unchangedSince, type InstallRecord } from '../adapters/hooks/record.js';
import { readText, type Change } from '../adapters/files/plan.js';
import { hasBlock, withoutBlock } from '../core/bootstrap/hook-block.js';

export interface UninstallPlan {
  changes: Change[];
  /** core.hooksPath is unset and .husky/_ removed: no hook file of anyone's is left in .husky/. */
  unsetHooksPath: boolean;
  /** What stays, and why, one line each. */
  kept: string[];
}

/** The hook files in .husky/ without trunk-init's blocks: removed when nothing else is in them. */
function planHookFiles(root: string): { changes: Change[]; remaining: string[] } {
  const dir = join(root, HUSKY_DIR);
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
  const changes: Change[] = [];
  const remaining: string[] = [];
  for (const name of names.sort()) {
    const path = `${HUSKY_DIR}/${name}`;
    const text = readFileSync(join(root, path), 'utf8');
    if (!hasBlock(text, name)) {
      remaining.push(path);
      continue;
    }
    const rest = withoutBlock(text, name);
    if (rest === null) changes.push({ path, action: 'remove', content: '' });
    else {
      changes.push({ path, action: 'update', content: rest, note: "trunk-init's block removed, your lines kept" });
      remaining.push(path);
    }
  }
  return { changes, remaining };
}

/** A file trunk-init wrote or edited, back to what it was while nobody changed it since; else `fallback`. */
function restore(
  root: string,
  path: string,
  record: InstallRecord | null,
  fallback: (text: string) => Change | null,
): Change | null {
  const entry = record?.files[path];
  if (entry && unchangedSince(root, path, record)) {
    return entry.before === null
      ? { path, action: 'remove', content: '', note: 'trunk-init created it' }
      : { path, action: 'update', content: entry.before, note: 'as it was before trunk-init' };
  }
  const text = readText(root, path);
  return text === null ? null : fallback(text);
}

function planPackageJson(root: string, record: InstallRecord | null): Change | null {
  return restore(root, 'package.json', record, (text) => {
    const content = editJson(text, [[['devDependencies', 'trunk-init'], undefined]]);
    return content === text
      ? null
      : {
          path: 'package.json',
          action: 'update',
          content,
          note: 'changed since trunk-init edited it: only trunk-init removed from devDependencies',
        };
  });
}

/** .gitignore / .gitattributes without the lines trunk-init appended. */
function planLines(root: string, record: InstallRecord | null): Change[] {
  return Object.entries(record?.lines ?? {}).flatMap(([path, lines]) => {
    const change = restore(root, path, record, (text) => {
      const content = text
        .split(/(?<=\n)/)
        .filter((line) => !lines.includes(line.replace(/\r?\n$/, '')))
        .join('');
      return content === text ? null : { path, action: 'update', content, note: 'the lines trunk-init added removed' };
    });
    return change ? [change] : [];
  });
}

/** With --purge: the other files trunk-init created, while they hold what it wrote or git holds them. */
async function planPurge(
  repo: Repo,
  record: InstallRecord | null,
  done: Set<string>,
): Promise<{ changes: Change[]; kept: string[] }> {
  const changes: Change[] = [];
  const kept: string[] = [];
  const candidates = Object.entries(record?.files ?? {}).filter(
    ([path]) => !done.has(path) && !path.startsWith(`${HUSKY_DIR}/`) && existsSync(join(repo.root, path)),
  );
  if (candidates.length === 0) return { changes, kept };
  // Which of them git holds as committed, unchanged: two git calls for all of them.
  const paths = candidates.map(([path]) => path);
  const tracked = new Set((await repo.git(['ls-files', '-z', '--', ...paths])).split('\0'));
  const changed = new Set(
    (await repo.git(['status', '--porcelain', '-z', '--', ...paths])).split('\0').map((entry) => entry.slice(3)),
  );
  for (const [path, entry] of candidates) {
    const committedClean = tracked.has(path) && !changed.has(path);
    if (unchangedSince(repo.root, path, record) || (entry.before === null && committedClean))
      changes.push(
        entry.before === null
          ? { path, action: 'remove', content: '' }
          : { path, action: 'update', content: entry.before, note: 'as it was before trunk-init' },
      );
    else kept.push(`${path}: changed since trunk-init wrote it and not committed; kept`);
  }
  return { changes, kept };
}

export async function planUninstall(repo: Repo, purge: boolean): Promise<UninstallPlan> {
  const record = readRecord(repo.commonDir);
  const hooks = planHookFiles(repo.root);
  const pkg = planPackageJson(repo.root, record);
  const lines = planLines(repo.root, record);
  // trunk-init's entries in a pre-commit or lefthook config, and its lefthook scripts.
  const changes = [...hooks.changes, ...planManagerRemoval(repo.root), ...(pkg ? [pkg] : []), ...lines];
  const kept: string[] = [];
  if (purge) {
    const purged = await planPurge(repo, record, new Set(changes.map((c) => c.path)));
    changes.push(...purged.changes);
    kept.push(...purged.kept);
  } else
    kept.push(
      'trunk.config.json, the commitlint config, CI files and manifests: kept (--purge removes the ones trunk-init created)',
    );
  kept.push('CHANGELOG.md and the release tags: kept (they are your release history)');
  if (!record)
    kept.push(
      'no install record in this clone (installed elsewhere or by an older trunk-init): only trunk-init itself leaves package.json',
    );
  const unsetHooksPath = (await readHooksPath(repo)) === HOOKS_PATH && hooks.remaining.length === 0;
  if ((await readHooksPath(repo)) === HOOKS_PATH && !unsetHooksPath)
    kept.push(`core.hooksPath stays ${HOOKS_PATH}: husky still runs ${hooks.remaining.join(', ')}`);
  return { changes, unsetHooksPath, kept };
}

/** After the plan is applied: git runs the clone's own hooks again; husky's generated directory goes. */
export async function finishUninstall(repo: Repo, plan: UninstallPlan): Promise<void> {
  if (plan.unsetHooksPath) {
    await repo.git(['config', '--unset-all', '--local', 'core.hooksPath']);
    rmSync(join(repo.root, HOOKS_PATH), { recursive: true, force: true });
    const dir = join(repo.root, HUSKY_DIR);
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
  forgetInstall(repo.commonDir);
}
