import { Button, EmptyState, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBuildingSkyscraper, IconFileImport, IconPlus, IconSend } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import {
  type Account,
  type AccountListQuery,
  COVERAGE_MODELS,
  HEALTH_BANDS,
  NOT_ENOUGH_DATA,
  routes,
} from "../../../contract/index.ts";
import { formatMoney } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { AccountsSearch } from "../../router.tsx";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ExportCsvButton } from "../../ui/ExportCsvButton.tsx";
import { FilterMenu, joinList, splitList } from "../../ui/FilterMenu.tsx";
import { ClearFiltersButton, ListTable, NoMatchesState, SearchInput } from "../../ui/ListTable.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { BAND_LABELS, COVERAGE_LABELS, NOT_ENOUGH_DATA_LABEL } from "../health/healthText.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { useSegmentChoices } from "../segments/use-segment-choices.ts";
import { NewSurveyModal } from "../surveys/NewSurveyModal.tsx";
import { AccountFormModal } from "./AccountFormModal.tsx";
import { HealthCell, RenewalCell, StageBadge } from "./cells.tsx";

const route = getRouteApi("/_app/accounts");
const col = columnHelper<Account>();

const columns: AnyColumns<Account> = [
  col.accessor("name", {
    header: "Name",
    meta: { sortKey: "name" },
    cell: (info) => (
      <AnchorLink to="/accounts/$id" params={{ id: info.row.original.id }} fw={500} size="sm">
        {info.getValue()}
      </AnchorLink>
    ),
  }),
  col.accessor("tier", { header: "Tier", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
  col.accessor("lifecycleStage", { header: "Stage", cell: (i) => <StageBadge stage={i.getValue()} /> }),
  col.accessor("health", {
    header: "Health",
    meta: { sortKey: "health", numeric: true },
    cell: (i) => <HealthCell health={i.getValue()} />,
  }),
  col.accessor("industry", { header: "Industry", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
  col.accessor("region", { header: "Region", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
  col.accessor("ownerName", {
    header: "Owner",
    cell: (i) => i.getValue() ?? <Text c="dimmed">Unassigned</Text>,
  }),
  col.accessor("arrMinor", {
    header: "ARR",
    meta: { sortKey: "arr", numeric: true },
    cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
  }),
  col.accessor("nextRenewalDate", {
    header: "Next renewal",
    meta: { sortKey: "renewal" },
    cell: (i) => <RenewalCell date={i.getValue()} />,
  }),
];

export function AccountsPage() {
  const stages = useStages();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const [creating, create] = useDisclosure(false);
  const [surveying, survey] = useDisclosure(false);

  const limit = search.limit ?? 50;
  const sort = search.sort ?? "name";
  const setSearch = (patch: Partial<AccountsSearch>, keepCursor = false) =>
    navigate({
      search: (prev) => ({ ...prev, ...patch, cursor: keepCursor ? patch.cursor : undefined }),
      replace: !keepCursor,
    });

  const filters = {
    tier: splitList(search.tier),
    lifecycleStage: splitList(search.stage),
    ownerId: splitList(search.owner),
    industry: splitList(search.industry),
    region: splitList(search.region),
    healthBand: splitList(search.healthBand),
    coverage: splitList(search.coverage),
  };
  const filtered = Boolean(
    search.q ||
      search.tier ||
      search.stage ||
      search.owner ||
      search.industry ||
      search.region ||
      search.healthBand ||
      search.coverage ||
      search.segment,
  );

  // What the list shows, without its paging: the export writes every page of it.
  const shown = {
    q: search.q,
    ...filters,
    lifecycleStage: filters.lifecycleStage as Account["lifecycleStage"][],
    healthBand: filters.healthBand as AccountListQuery["healthBand"],
    coverage: filters.coverage as NonNullable<Account["coverage"]>[],
    segmentId: search.segment,
    sort: sort as "name",
  };
  const query = { ...shown, limit, cursor: search.cursor };
  const list = useQuery({ ...apiQuery(routes.listAccounts, { query }), placeholderData: keepPreviousData });
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const segments = useSegmentChoices("account", search.segment);

  const ownerOptions = useMemo(
    () => [
      { value: "none", label: "Unassigned" },
      ...(facets.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name })),
    ],
    [facets.data],
  );

  // The survey flow asks the key players of every account this filter matches, on every page.
  const { sort: _sort, ...filterOnly } = shown;
  const accountFilter = Object.fromEntries(
    Object.entries(filterOnly).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v))),
  );
  const filterWords = [
    search.q ? `search “${search.q}”` : null,
    segments.chosenName ? `segment “${segments.chosenName}”` : null,
    filters.tier.length ? `tier ${filters.tier.join(", ")}` : null,
    filters.lifecycleStage.length
      ? `stage ${filters.lifecycleStage.map((v) => stages.labelOf(v)).join(", ")}`
      : null,
    filters.healthBand.length
      ? `health ${filters.healthBand.map((b) => (b === NOT_ENOUGH_DATA ? NOT_ENOUGH_DATA_LABEL : (BAND_LABELS[b as keyof typeof BAND_LABELS] ?? b))).join(", ")}`
      : null,
    filters.coverage.length
      ? `coverage ${filters.coverage.map((c) => COVERAGE_LABELS[c] ?? c).join(", ")}`
      : null,
    filters.ownerId.length
      ? `owner ${filters.ownerId.map((o) => ownerOptions.find((x) => x.value === o)?.label ?? o).join(", ")}`
      : null,
    filters.industry.length ? `industry ${filters.industry.join(", ")}` : null,
    filters.region.length ? `region ${filters.region.join(", ")}` : null,
  ].filter(Boolean);

  const clearFilters = () =>
    navigate({
      search: (prev) => ({ sort: prev.sort, limit: prev.limit }),
      replace: true,
    });

  const rows = list.data?.data;
  const emptyState = filtered ? (
    <NoMatchesState noun="accounts" onClear={clearFilters} />
  ) : (
    <EmptyState
      icon={<IconBuildingSkyscraper size={26} />}
      withIndicatorBackground
      title="No accounts yet"
      description={
        session.canWrite
          ? "Import your customers from a CSV file, or create the first account by hand."
          : "Nobody has added accounts yet. Ask a member of your team to import them."
      }
    >
      {session.canWrite ? (
        <EmptyState.Actions>
          <ButtonLink to="/import" leftSection={<IconFileImport size={16} />}>
            Import a CSV
          </ButtonLink>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={create.open}>
            New account
          </Button>
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Your customers: who owns them, what they pay and when they renew."
        actions={
          <>
            <ExportCsvButton route={routes.exportAccounts} query={shown} />
            {session.canWrite ? (
              <Button variant="default" leftSection={<IconSend size={16} />} onClick={survey.open}>
                Survey key players
              </Button>
            ) : null}
            {session.canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
                New account
              </Button>
            ) : null}
          </>
        }
      />

      <ListTable
        toolbar={
          <>
            <SearchInput
              value={search.q}
              onSearch={(q) => setSearch({ q })}
              placeholder="Search by name, domain or external id"
              label="Search accounts"
            />
            <FilterMenu
              label="Segment"
              single
              options={segments.options}
              value={splitList(search.segment)}
              onChange={(v) => setSearch({ segment: v[0] })}
              loading={segments.loading}
              empty="No account segments yet: build one on the Segments page."
            />
            <FilterMenu
              label="Tier"
              options={(facets.data?.tiers ?? []).map((t) => ({ value: t, label: t }))}
              value={filters.tier}
              onChange={(v) => setSearch({ tier: joinList(v) })}
              loading={facets.isLoading}
            />
            <FilterMenu
              label="Stage"
              options={stages.all.map((s) => ({ value: s.key, label: s.label }))}
              value={filters.lifecycleStage}
              onChange={(v) => setSearch({ stage: joinList(v) })}
            />
            <FilterMenu
              label="Health"
              options={[
                ...HEALTH_BANDS.map((b) => ({ value: b, label: BAND_LABELS[b] })),
                { value: NOT_ENOUGH_DATA, label: NOT_ENOUGH_DATA_LABEL },
              ]}
              value={filters.healthBand}
              onChange={(v) => setSearch({ healthBand: joinList(v) })}
            />
            <FilterMenu
              label="Coverage"
              options={COVERAGE_MODELS.map((c) => ({ value: c, label: COVERAGE_LABELS[c] ?? c }))}
              value={filters.coverage}
              onChange={(v) => setSearch({ coverage: joinList(v) })}
            />
            <FilterMenu
              label="Owner"
              options={ownerOptions}
              value={filters.ownerId}
              onChange={(v) => setSearch({ owner: joinList(v) })}
              loading={facets.isLoading}
            />
            <FilterMenu
              label="Industry"
              options={(facets.data?.industries ?? []).map((t) => ({ value: t, label: t }))}
              value={filters.industry}
              onChange={(v) => setSearch({ industry: joinList(v) })}
              loading={facets.isLoading}
            />
            <ClearFiltersButton filtered={filtered} onClear={clearFilters} />
          </>
        }
        query={list}
        errorTitle="Accounts could not be loaded"
        onRetry={() => (search.cursor ? setSearch({ cursor: undefined }) : list.refetch())}
        label="Accounts"
        columns={columns}
        data={rows}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        sort={sort}
        onSort={(s) => setSearch({ sort: s })}
        rowKey={(a) => a.id}
        onRowClick={(a) => navigate({ to: "/accounts/$id", params: { id: a.id } })}
        empty={emptyState}
        minWidth={1120}
        pager={
          rows && (rows.length > 0 || search.cursor)
            ? {
                cursor: search.cursor,
                nextCursor: list.data?.nextCursor,
                onCursor: (c) => setSearch({ cursor: c }, true),
                limit,
                onLimit: (l) => setSearch({ limit: l === 50 ? undefined : l }),
                shown: rows.length,
              }
            : null
        }
      />

      <AccountFormModal opened={creating} onClose={create.close} />
      <NewSurveyModal
        opened={surveying}
        onClose={survey.close}
        preset={{
          type: "filter",
          filter: accountFilter,
          description: filterWords.length
            ? `${filterWords.join("; ")}.`
            : "every account (no filter is set).",
        }}
      />
    </>
  );
}
