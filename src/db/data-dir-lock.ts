import fs from "node:fs";
import path from "node:path";
import { AppError } from "../common/errors.ts";

export type LockInfo = { pid: number; startTime?: string; port?: number; startedAt: string };

export const lockPath = (dataDir: string): string => path.join(dataDir, "steward.lock");

/**
 * When the process started, from /proc (Linux): with the pid it names one process, so a pid
 * reused after a restart is not mistaken for the holder. Undefined where /proc is not there.
 */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime), counted after the command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = processStartTime(info.pid);
  return info.startTime === undefined || now === undefined || now === info.startTime;
}

/** Writes the whole file under a temporary name first, so nobody ever reads half a lock. */
function writeAtomically(file: string, content: string, replace: boolean): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    if (replace) fs.renameSync(tmp, file);
    else fs.linkSync(tmp, file); // fails with EEXIST when someone holds the lock
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

type Holder = { state: "free" } | { state: "held"; info: LockInfo } | { state: "unreadable" };

function holder(dataDir: string): Holder {
  let text: string;
  try {
    text = fs.readFileSync(lockPath(dataDir), "utf8");
  } catch {
    return { state: "free" };
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return isAlive(info) ? { state: "held", info } : { state: "free" };
  } catch {
    return { state: "unreadable" };
  }
}

/** Who holds the embedded database, if a live process does. */
export function readLock(dataDir: string): LockInfo | null {
  const h = holder(dataDir);
  return h.state === "held" ? h.info : null;
}

/**
 * PGlite is one process's database: a second opener would corrupt it. The lock file names the
 * holder so a refused command can say who has it; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const info: LockInfo = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeAtomically(file, JSON.stringify(info), false);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const h = holder(dataDir);
      // Refused even when the holder is this process: two PGlite instances on one directory corrupt it.
      if (h.state === "held") {
        throw new AppError(
          "DATA_DIR_LOCKED",
          `The embedded database in ${dataDir} is in use by another Steward process (pid ${h.info.pid}${
            h.info.port ? `, serving port ${h.info.port}` : ""
          }). Stop that process first, or use the running server's API, or set DATABASE_URL to use PostgreSQL.`,
          { pid: h.info.pid, port: h.info.port },
        );
      }
      if (h.state === "unreadable") {
        throw new AppError(
          "DATA_DIR_LOCKED",
          `The lock file ${file} cannot be read. If no Steward process is running, delete it and try again.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("DATA_DIR_LOCKED", `Could not lock ${dataDir}`);
}

/** Records the port the holder serves, so a refused command can point at it. */
export function annotateLock(dataDir: string, port: number): void {
  const info = readLock(dataDir);
  if (info && info.pid === process.pid)
    writeAtomically(lockPath(dataDir), JSON.stringify({ ...info, port }), true);
}
