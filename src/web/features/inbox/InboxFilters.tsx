import { Badge, CloseButton, SegmentedControl, Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { routes, TASK_PRIORITIES, TASK_TYPES } from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import type { InboxSearch } from "../../router.tsx";
import { ClearFiltersButton } from "../../ui/ListTable.tsx";
import { PRIORITY_LABELS, STATUS_TABS, TYPE_LABELS } from "./labels.ts";

/** The filters a search can carry besides its tab, status, sort and page. */
export const FILTER_KEYS = ["type", "priority", "owner", "account"] as const;

/**
 * The inbox's toolbar: Open / Snoozed / Closed, then type, priority and owner, and the account when
 * the list came from an account's page. Each writes the URL through `onChange`.
 */
export function InboxFilters({
  search,
  onChange,
  onClear,
}: {
  search: InboxSearch;
  onChange: (patch: Partial<InboxSearch>) => void;
  onClear: () => void;
}) {
  // Shared with the member pickers: one request for the workspace's people.
  const members = useQuery(apiQuery(routes.listMembers, { query: { limit: 200 } }));
  const account = useQuery({
    ...apiQuery(routes.getAccount, { params: { id: search.account ?? "" } }),
    enabled: Boolean(search.account),
  });
  const owners = (members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined);

  return (
    <>
      <SegmentedControl
        aria-label="Status"
        size="sm"
        data={STATUS_TABS.map((s) => ({ value: s.value, label: s.label }))}
        value={search.status ?? "open"}
        onChange={(v) => onChange({ status: v === "open" ? undefined : (v as InboxSearch["status"]) })}
      />
      <Select
        aria-label="Filter by type"
        placeholder="Any type"
        w={150}
        clearable
        data={options(TASK_TYPES, TYPE_LABELS)}
        value={search.type ?? null}
        onChange={(v) => onChange({ type: (v as InboxSearch["type"]) ?? undefined })}
      />
      <Select
        aria-label="Filter by priority"
        placeholder="Any priority"
        w={150}
        clearable
        data={options(TASK_PRIORITIES, PRIORITY_LABELS)}
        value={search.priority ?? null}
        onChange={(v) => onChange({ priority: (v as InboxSearch["priority"]) ?? undefined })}
      />
      <Select
        aria-label="Filter by owner"
        placeholder="Any owner"
        w={190}
        clearable
        searchable
        data={owners}
        value={search.owner ?? null}
        onChange={(v) => onChange({ owner: v ?? undefined })}
        nothingFoundMessage={members.isLoading ? "Loading members…" : "No member matches"}
      />
      {search.account ? (
        <Badge
          size="lg"
          variant="light"
          tt="none"
          fw={500}
          rightSection={
            <CloseButton
              size="xs"
              aria-label="Show every account"
              onClick={() => onChange({ account: undefined })}
            />
          }
        >
          Account: {account.data?.name ?? "…"}
        </Badge>
      ) : null}
      <ClearFiltersButton filtered={filtered} onClear={onClear} />
    </>
  );
}
