import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, type RouteResponse, routes, type TimelineEntry } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidateAccount } from "../../lib/query.ts";

type Page = RouteResponse<typeof routes.listTimeline>;
export type NoteBody = RouteBodyIn<typeof routes.addNote>;

export const timelineKey = (accountId: string) =>
  [routes.listTimeline.path, { accountId }, "infinite"] as const;

/** Applies `change` to every loaded page of the account's timeline. */
const updatePages = (
  d: InfiniteData<Page> | undefined,
  change: (entries: TimelineEntry[]) => TimelineEntry[],
): InfiniteData<Page> | undefined =>
  d ? { ...d, pages: d.pages.map((p) => ({ ...p, data: change(p.data) })) } : d;

/** Adds a note, or saves `entry`; the timeline shows it at once, then the account page refreshes. */
export function useSaveNote(accountId: string, entry: TimelineEntry | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NoteBody) =>
      entry
        ? api(routes.updateNote, { params: { accountId, entryId: entry.id }, body })
        : api(routes.addNote, { params: { accountId }, body }),
    onSuccess: (saved) => {
      qc.setQueryData<InfiniteData<Page>>(timelineKey(accountId), (d) => {
        if (entry) return updatePages(d, (entries) => entries.map((e) => (e.id === saved.id ? saved : e)));
        if (!d || d.pages.length === 0) return d;
        const [first, ...rest] = d.pages;
        return { ...d, pages: [{ ...(first as Page), data: [saved, ...(first as Page).data] }, ...rest] };
      });
      // Notes count as touches in the account's engagement signals.
      void invalidateAccount(qc, accountId);
    },
  });
}

/** Deletes a note and drops it from the loaded timeline. */
export function useDeleteNote(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entry: TimelineEntry) =>
      api(routes.deleteNote, { params: { accountId, entryId: entry.id } }),
    onSuccess: (_r, entry) => {
      qc.setQueryData<InfiniteData<Page>>(timelineKey(accountId), (d) =>
        updatePages(d, (entries) => entries.filter((e) => e.id !== entry.id)),
      );
      void invalidateAccount(qc, accountId);
    },
  });
}
