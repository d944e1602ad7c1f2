// A file trunk keeps in the git dir (a cache, a recorded question, compiled code), replaced whole: written beside
// itself and renamed over, so a hook reading it meanwhile, or writing it at once, never sees half of it.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `data` to `file` (and its directory, if missing) in one rename; throws as the file system does. */
export function replaceFile(file: string, data: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.${process.pid}`, data);
  renameSync(`${file}.${process.pid}`, file);
}
