import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, lockPath, readLock } from "./data-dir-lock.ts";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steward-lock-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("data directory lock", () => {
  it("is held once: a second taker, even this process, is refused until release", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(readLock(dir)?.pid).toBe(process.pid);
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by another Steward process/);
    release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it("takes over a lock left by a dead process or a reused pid", () => {
    const dir = tempDir();
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 7, startedAt: "2020-01-01" }));
    acquireDataDirLock(dir)();
    // This very pid, but a different start time: the process that wrote it is gone.
    fs.writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: process.pid, startTime: "1", startedAt: "2020-01-01" }),
    );
    acquireDataDirLock(dir)();
  });

  it("refuses an unreadable lock with what to do", () => {
    const dir = tempDir();
    fs.writeFileSync(lockPath(dir), "{not json");
    expect(() => acquireDataDirLock(dir)).toThrow(/cannot be read.*delete it/);
  });
});
