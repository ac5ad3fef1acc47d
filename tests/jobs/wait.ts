import { setTimeout as sleep } from "node:timers/promises";

/** Polls until `probe` answers something truthy; fails with `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  ms = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A promise the test resolves when it chooses: handlers await `passed` until `open()`. */
export function gate(): { passed: Promise<void>; open(): void } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { passed, open };
}
