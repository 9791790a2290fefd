// Names of backup files: a UTC timestamp that sorts as it reads, and which files are whose.
import path from "node:path";
import { backupStamp } from "@/db/snapshot";

export { backupStamp };

// jianbao-backup-<stamp>.tar.gz from `npm run backup`; jianbao-backup-<stamp>-auto.tar.gz from the
// server's schedule (only these are rotated).
const ARCHIVE = /^jianbao-backup-(\d{8}T\d{6}Z)(-auto)?(?:-\d+)?\.tar\.gz$/;

export const archiveName = (at: Date, scheduled: boolean): string => `jianbao-backup-${backupStamp(at)}${scheduled ? "-auto" : ""}.tar.gz`;

export type ArchiveFile = { name: string; file: string; at: Date; scheduled: boolean };

/** A backup archive's time and kind from its name, or null for any other file. */
export function parseArchiveName(dir: string, name: string): ArchiveFile | null {
  const m = ARCHIVE.exec(name);
  if (!m) return null;
  const s = m[1]!;
  const at = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
  if (Number.isNaN(at.getTime())) return null;
  return { name, file: path.join(dir, name), at, scheduled: m[2] === "-auto" };
}
