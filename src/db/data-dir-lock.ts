import fs from "node:fs";
import path from "node:path";
import { AppError } from "../common/errors.ts";

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

export type LockInfo = { pid: number; port?: number; startedAt: string };

export const lockPath = (dataDir: string): string => path.join(dataDir, "steward.lock");

/** Who holds the embedded database, if anyone alive does. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is one process's database: a second opener would corrupt it. The lock file names the
 * holder so a refused command can say who has it; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLock(dataDir);
      // Refused even when the holder is this process: two PGlite instances on one directory corrupt it.
      if (holder) {
        throw new AppError(
          "DATA_DIR_LOCKED",
          `The embedded database in ${dataDir} is in use by another Steward process (pid ${holder.pid}${
            holder.port ? `, serving port ${holder.port}` : ""
          }). Stop that process first, or use the running server's API, or set DATABASE_URL to use PostgreSQL.`,
          { pid: holder.pid, port: holder.port },
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("DATA_DIR_LOCKED", `Could not lock ${dataDir}`);
}

/** Records the port the holder serves, so CLI commands can go through it. */
export function annotateLock(dataDir: string, port: number): void {
  const info = readLock(dataDir);
  if (info && info.pid === process.pid)
    fs.writeFileSync(lockPath(dataDir), JSON.stringify({ ...info, port }));
}
