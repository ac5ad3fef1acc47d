import { Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { type ChurnKind, type ChurnModelInfo, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import type { RiskSearch } from "../../router.tsx";
import { FilterMenu, joinList, splitList } from "../../ui/FilterMenu.tsx";
import { ClearFiltersButton, ListTable, NoMatchesState, urlPagerFor } from "../../ui/ListTable.tsx";
import { ModelEvaluation } from "./ModelEvaluation.tsx";
import { columnsFor } from "./predictionColumns.tsx";
import { RiskTotals } from "./RiskTotals.tsx";
import { KIND_TEXT } from "./riskText.ts";
import { type Retrain, RetrainButton, RetrainStatus } from "./useRetrain.tsx";

const route = getRouteApi("/_app/risk");

/**
 * A trained model's predictions: totals, the list filtered by owner and tier (kept in the URL)
 * and sorted by probability, ARR at risk, ARR or name, then the model's evaluation.
 */
export function Predictions({
  kind,
  model,
  retrain,
  canWrite,
}: {
  kind: ChurnKind;
  model: ChurnModelInfo;
  retrain: Retrain;
  canWrite: boolean;
}) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const limit = search.limit ?? 25;
  const sort = search.sort ?? "-probability";
  const setSearch = (patch: Partial<RiskSearch>, keepCursor = false) =>
    navigate({
      search: (prev) => ({ ...prev, ...patch, cursor: keepCursor ? patch.cursor : undefined }),
      replace: !keepCursor,
    });
  const filters = { tier: splitList(search.tier), ownerId: splitList(search.owner) };
  const filtered = Boolean(search.tier || search.owner);
  const clearFilters = () =>
    navigate({ search: (prev) => ({ kind: prev.kind, sort: prev.sort, limit: prev.limit }), replace: true });

  const query = { kind, ...filters, sort: sort as "probability", limit, cursor: search.cursor };
  const list = useQuery({
    ...apiQuery(routes.listChurnPredictions, { query }),
    placeholderData: keepPreviousData,
  });
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const ownerOptions = useMemo(
    () => [
      { value: "none", label: "Unassigned" },
      ...(facets.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name })),
    ],
    [facets.data],
  );
  const columns = useMemo(() => columnsFor(kind), [kind]);

  return (
    <Stack gap="md">
      <RiskTotals kind={kind} totals={list.data?.totals} model={model} filtered={filtered} />
      <ListTable
        toolbar={
          <>
            <FilterMenu
              label="Owner"
              options={ownerOptions}
              value={filters.ownerId}
              onChange={(v) => setSearch({ owner: joinList(v) })}
              loading={facets.isLoading}
            />
            <FilterMenu
              label="Tier"
              options={(facets.data?.tiers ?? []).map((x) => ({ value: x, label: x }))}
              value={filters.tier}
              onChange={(v) => setSearch({ tier: joinList(v) })}
              loading={facets.isLoading}
            />
            <ClearFiltersButton filtered={filtered} onClear={clearFilters} />
          </>
        }
        query={list}
        errorTitle="Predictions could not be loaded"
        onRetry={() => (search.cursor ? setSearch({ cursor: undefined }) : list.refetch())}
        label={`${KIND_TEXT[kind].title} predictions`}
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        sort={sort}
        onSort={(s) => setSearch({ sort: s })}
        rowKey={(p) => p.accountId}
        onRowClick={(p) => navigate({ to: "/accounts/$id", params: { id: p.accountId } })}
        empty={
          filtered ? (
            <NoMatchesState noun="customers" onClear={clearFilters} />
          ) : (
            <Text size="sm" c="dimmed" p="md">
              No current customers to score: accounts need a live subscription.
            </Text>
          )
        }
        minWidth={1040}
        pager={urlPagerFor(list.data, { cursor: search.cursor, limit, defaultLimit: 25, setSearch })}
      />
      <ModelEvaluation
        model={model}
        kind={kind}
        actions={canWrite ? <RetrainButton retrain={retrain} /> : undefined}
        status={<RetrainStatus retrain={retrain} kind={kind} />}
      />
    </Stack>
  );
}
