import { useEffect, useId, useState } from "react";
import type { CursorPager } from "./CursorPager.tsx";

type PagerProps = Parameters<typeof CursorPager>[0];

/**
 * Pages a list the server sends whole (e.g. a report's rows) with the same pager as the cursor lists:
 * the cursor is the offset. Starts again at the first page when the list changes length.
 */
export function useArrayPage<T>(rows: T[] | undefined, initialLimit = 25) {
  // Cursors are "<list id>:<offset>" so the pager's memory of previous pages never mixes two lists.
  const id = useId();
  const cursorOf = (o: number) => `${id}:${o}`;
  const [offset, setOffset] = useState(0);
  const [limit, setLimit] = useState(initialLimit);
  const total = rows?.length ?? 0;
  useEffect(() => {
    if (offset >= total) setOffset(0);
  }, [offset, total]);
  const page = rows?.slice(offset, offset + limit);
  const next = offset + limit < total ? cursorOf(offset + limit) : null;
  const pager: PagerProps | null =
    total > Math.min(limit, 25)
      ? {
          cursor: offset > 0 ? cursorOf(offset) : undefined,
          nextCursor: next,
          onCursor: (c) => setOffset(c ? Number(c.slice(c.lastIndexOf(":") + 1)) || 0 : 0),
          limit,
          onLimit: (l) => {
            setLimit(l);
            setOffset(0);
          },
          shown: page?.length ?? 0,
          pageNumberHint: `${offset + 1}–${offset + (page?.length ?? 0)} of ${total}`,
        }
      : null;
  return { rows: page, pager, restart: () => setOffset(0) };
}
