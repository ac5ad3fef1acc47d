import { describe, expect, it } from "vitest";
import { nextRun, notFailedReason } from "./job.rules.ts";

describe("job rules", () => {
  it("finds a schedule's next firing after a moment", () => {
    const at = new Date("2026-03-02T10:06:00Z");
    expect(nextRun("5 * * * *", "UTC", at).toISOString()).toBe("2026-03-02T11:05:00.000Z");
    expect(nextRun("30 3 * * 1", "UTC", at).toISOString()).toBe("2026-03-09T03:30:00.000Z");
    expect(nextRun("* * * * *", "UTC", at).toISOString()).toBe("2026-03-02T10:07:00.000Z");
  });

  it("says why a job that is not failed cannot be retried or discarded", () => {
    expect(notFailedReason("completed", false, 14)).toBe("has completed");
    expect(notFailedReason("cancelled", true, 14)).toBe("was discarded");
    expect(notFailedReason("failed", true, 14)).toBe("failed more than 14 days ago and was archived");
    expect(notFailedReason("retry", false, 14)).toBe("is waiting to run");
  });
});
