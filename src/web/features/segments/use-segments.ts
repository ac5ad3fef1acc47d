import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  type RouteBodyIn,
  routes,
  type Segment,
  type SegmentEntity,
  type SegmentField,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";

export type SegmentCreateBody = RouteBodyIn<typeof routes.createSegment>;
export type SegmentUpdateBody = RouteBodyIn<typeof routes.updateSegment>;

export const segmentQuery = (segmentId: string) => apiQuery(routes.getSegment, { params: { segmentId } });

/**
 * The fields a segment of this entity can test, by key. They change only when an admin defines a
 * custom field, so they are read once a few minutes.
 */
export function useSegmentFields(entity: SegmentEntity) {
  const q = useQuery(
    queryOptions({ ...apiQuery(routes.listSegmentFields, { query: { entity } }), staleTime: 5 * 60_000 }),
  );
  const byKey = useMemo(
    () => new Map<string, SegmentField>((q.data?.data ?? []).map((f) => [f.key, f])),
    [q.data],
  );
  return { ...q, fields: q.data?.data, byKey };
}

/** The workspace's members' names by id, for member fields' values (owner is any of …). */
export function useMemberNames() {
  const q = useQuery(apiQuery(routes.listMembers, { query: { limit: 200 } }));
  return useMemo(() => {
    const names = new Map((q.data?.data ?? []).map((m) => [m.userId, m.name]));
    return (id: string) => names.get(id);
  }, [q.data]);
}

/**
 * A segment's writes. Each refreshes every segment answer (lists, members, history) and the
 * account and contact lists, which filter by a segment's members.
 */
export function useSegmentMutations() {
  const qc = useQueryClient();
  const fresh = async (segment: Segment) => {
    qc.setQueryData(segmentQuery(segment.id).queryKey, segment);
    await invalidate(qc, "/api/v1/segments", routes.listAccounts.path, routes.listContacts.path);
  };
  const create = useMutation({
    mutationFn: (body: SegmentCreateBody) => api(routes.createSegment, { body }),
    onSuccess: fresh,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: SegmentUpdateBody }) =>
      api(routes.updateSegment, { params: { segmentId: id }, body }),
    onSuccess: fresh,
  });
  const refresh = useMutation({
    mutationFn: (id: string) => api(routes.refreshSegment, { params: { segmentId: id } }),
    onSuccess: fresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(routes.deleteSegment, { params: { segmentId: id } }),
    // Only the lists: the segment's own answers would be read again, and fail, before the page leaves.
    onSuccess: () =>
      Promise.all(
        [routes.listSegments, routes.listAccounts, routes.listContacts].map((r) =>
          qc.invalidateQueries({ queryKey: [r.path] }),
        ),
      ),
  });
  return { create, update, refresh, remove };
}
