// What trunk-init changed in this clone, kept in <commonDir>/trunk-init/install.json, so `--uninstall` undoes
// exactly that: a file it created or edited is put back byte for byte while it still holds what trunk-init wrote;
// a line it appended is taken out; core.hooksPath is unset only if trunk-init set it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writes, type Change } from '../files/plan.js';

export interface InstallRecord {
  /** Files written whole or edited: what was there before (null: nothing) and the sha256 of what trunk-init wrote. */
  files: Record<string, { before: string | null; after: string }>;
  /** Lines appended to .gitignore / .gitattributes. */
  lines: Record<string, string[]>;
  /** Whether this install set core.hooksPath (it was unset before). */
  setHooksPath: boolean;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const recordFile = (commonDir: string) => join(commonDir, 'trunk-init', 'install.json');

export function readRecord(commonDir: string): InstallRecord | null {
  const file = recordFile(commonDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as InstallRecord;
  } catch {
    return null; // a damaged record is no record: uninstall then removes only what is provably trunk-init's
  }
}

/** Adds this run's writes to the record; the first `before` of a file is kept across runs. */
export function recordInstall(commonDir: string, plan: Change[], setHooksPath: boolean): void {
  const old = readRecord(commonDir);
  const record: InstallRecord = {
    files: { ...old?.files },
    lines: { ...old?.lines },
    setHooksPath: setHooksPath || Boolean(old?.setHooksPath),
  };
  for (const change of writes(plan)) {
    if (change.appended)
      record.lines[change.path] = [...new Set([...(record.lines[change.path] ?? []), ...change.appended])];
    if (change.before !== undefined)
      record.files[change.path] = {
        before: old?.files[change.path] ? old.files[change.path].before : change.before,
        after: sha256(change.content),
      };
  }
  mkdirSync(join(commonDir, 'trunk-init'), { recursive: true });
  writeFileSync(recordFile(commonDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Removes the install record and all else trunk keeps in the git dir: its caches, the hooks' recorded git questions
 * and compiled code. */
export const forgetInstall = (commonDir: string) =>
  rmSync(join(commonDir, 'trunk-init'), { recursive: true, force: true });

/** Whether `root`/`path` is the file trunk-init put there: the bytes it wrote, unchanged since. */
export function unchangedSince(root: string, path: string, record: InstallRecord | null): boolean {
  const entry = record?.files[path];
  const file = join(root, path);
  return Boolean(entry && existsSync(file) && sha256(readFileSync(file, 'utf8')) === entry.after);
}
