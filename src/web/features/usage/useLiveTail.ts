import { useCallback, useEffect, useRef, useState } from "react";
import { routes, type UsageEvent } from "../../../contract/index.ts";
import { api } from "../../api.ts";

/** Rows kept on screen; older ones drop off the bottom. */
export const TAIL_CAP = 300;
export const TAIL_INTERVAL_MS = 2000;

const newestFirst = (a: UsageEvent, b: UsageEvent) =>
  Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id.localeCompare(a.id);

/** Adds newly received events to those shown, once each, newest first, capped. */
export const mergeTail = (shown: UsageEvent[], incoming: UsageEvent[], cap = TAIL_CAP): UsageEvent[] => {
  if (incoming.length === 0) return shown;
  const ids = new Set(shown.map((e) => e.id));
  const fresh = incoming.filter((e) => !ids.has(e.id));
  if (fresh.length === 0) return shown;
  return [...fresh, ...shown].sort(newestFirst).slice(0, cap);
};

/**
 * Polls the events a source (or every source) sends, by arrival: the first call takes the latest few,
 * then every 2 s asks only for what arrived after the newest `receivedAt` seen. Stops while paused,
 * while the browser tab is hidden, and when the component unmounts.
 */
export function useLiveTail(source: string | undefined, paused: boolean) {
  const [events, setEvents] = useState<UsageEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [polledAt, setPolledAt] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const newest = useRef<string | undefined>(undefined);

  // A new source filter starts the tail again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the source changes
  useEffect(() => {
    setEvents([]);
    setLoading(true);
    newest.current = undefined;
  }, [source]);

  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      if (!document.hidden) {
        try {
          const after = newest.current;
          const page = await api(routes.listEvents, {
            query: { order: "received", receivedAfter: after, source, limit: after ? 200 : 50 },
            signal: controller.signal,
          });
          if (stopped) return;
          for (const e of page.data) {
            if (!newest.current || Date.parse(e.receivedAt) > Date.parse(newest.current))
              newest.current = e.receivedAt;
          }
          setEvents((shown) => mergeTail(shown, page.data));
          setError(null);
          setPolledAt(Date.now());
        } catch (e) {
          if (stopped || (e instanceof DOMException && e.name === "AbortError")) return;
          setError(e);
        } finally {
          if (!stopped) setLoading(false);
        }
      }
      if (!stopped) timer = setTimeout(poll, TAIL_INTERVAL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [source, paused]);

  const clear = useCallback(() => setEvents([]), []);
  return { events, error, polledAt, loading, clear };
}
