import { v7 } from "uuid";

// Random bytes drawn from the system a few kilobytes at a time: uuid draws its 16 bytes with a
// call of their own for every id, which costs more than the rest of making it when a rule's run
// writes tens of thousands of rows.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = POOL_BYTES;
const random16 = (): Uint8Array => {
  if (used + 16 > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
};

// uuid's own ordering within a millisecond (RFC 9562, method 1): a new millisecond starts the
// counter at random, each later id in it counts up, and a counter that wraps moves to the next.
let msecs = Number.NEGATIVE_INFINITY;
let seq = 0;

/** Time-ordered ids: they sort by creation, index well, and reveal no counts. */
export const newId = (): string => {
  const random = random16();
  const now = Date.now();
  if (now > msecs) {
    seq =
      (((random[6] ?? 0) & 0x7f) << 24) |
      ((random[7] ?? 0) << 16) |
      ((random[8] ?? 0) << 8) |
      (random[9] ?? 0);
    msecs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs += 1;
  }
  return v7({ random, msecs, seq });
};

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
