import { EmptyState, Progress, SimpleGrid, Skeleton, Stack, Tabs, Text } from "@mantine/core";
import { IconShieldExclamation, IconTrendingDown, IconTrendingUp } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { type ChurnKind, type ChurnPrediction, type ChurnTotal, routes } from "../../../contract/index.ts";
import { formatMoney, formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { RiskSearch } from "../../router.tsx";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FilterMenu, joinList, splitList } from "../../ui/FilterMenu.tsx";
import { ClearFiltersButton, ListTable, NoMatchesState, urlPagerFor } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { DriverList } from "./DriverList.tsx";
import { ModelEvaluation } from "./ModelEvaluation.tsx";
import { KIND_TEXT } from "./riskText.ts";
import { RetrainButton, RetrainStatus, useRetrain } from "./useRetrain.tsx";

const route = getRouteApi("/_app/risk");
const col = columnHelper<ChurnPrediction>();

/** A total in the largest currency, the other currencies under it: a sum across currencies means nothing. */
function MoneyTotal({
  totals,
  pick,
  label,
  hint,
  testId,
}: {
  totals: ChurnTotal[] | undefined;
  pick: (t: ChurnTotal) => number;
  label: string;
  hint?: string;
  testId?: string;
}) {
  const [first, ...rest] = totals ?? [];
  const others = rest.map((t) => formatMoney(pick(t), t.currency)).join(" · ");
  return (
    <StatCard
      label={label}
      value={totals ? (first ? formatMoney(pick(first), first.currency) : "—") : "…"}
      hint={others ? `+ ${others}` : hint}
      testId={testId}
    />
  );
}

function ProbabilityCell({ p, kind }: { p: number; kind: ChurnKind }) {
  const high = p >= 0.5;
  const color = KIND_TEXT[kind].upIsBad ? (high ? "red" : p >= 0.2 ? "orange" : "teal") : "teal";
  return (
    <Stack gap={3} align="flex-end">
      <Text size="sm" fw={500} className="steward-num">
        {formatPercent(p)}
      </Text>
      <Progress value={p * 100} color={color} size="xs" w={64} aria-hidden />
    </Stack>
  );
}

const columnsFor = (kind: ChurnKind): AnyColumns<ChurnPrediction> => [
  col.accessor("name", {
    header: "Account",
    meta: { sortKey: "name" },
    cell: (info) => (
      <AnchorLink to="/accounts/$id" params={{ id: info.row.original.accountId }} fw={500} size="sm">
        {info.getValue()}
      </AnchorLink>
    ),
  }),
  col.accessor("probability", {
    header: "Probability",
    meta: { sortKey: "probability", numeric: true, width: 110 },
    cell: (i) => <ProbabilityCell p={i.getValue()} kind={kind} />,
  }),
  col.accessor("drivers", {
    header: "Top drivers",
    meta: { wrap: true, width: 380 },
    cell: (i) => <DriverList drivers={i.getValue()} kind={kind} />,
  }),
  col.accessor("arrMinor", {
    header: "ARR",
    meta: { sortKey: "arr", numeric: true },
    cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
  }),
  col.accessor("arrAtRiskMinor", {
    header: KIND_TEXT[kind].weighted,
    meta: { sortKey: "arrAtRisk", numeric: true },
    cell: (i) => (
      <Text size="sm" fw={500} className="steward-num">
        {formatMoney(i.getValue(), i.row.original.currency)}
      </Text>
    ),
  }),
  col.accessor("ownerName", {
    header: "Owner",
    cell: (i) => i.getValue() ?? <Text c="dimmed">Unassigned</Text>,
  }),
  col.accessor("tier", { header: "Tier", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
];

/**
 * Customers by churn (or expansion) probability with the drivers behind it, ARR and ARR at risk,
 * filtered by owner and tier (kept in the URL), the totals, and the model's held-out evaluation
 * with a Retrain button for members who may write.
 */
export function RiskPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const kind: ChurnKind = search.kind ?? "churn";
  const t = KIND_TEXT[kind];
  const retrain = useRetrain(kind);

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

  const model = useQuery(apiQuery(routes.getChurnModel, { query: { kind } }));
  const query = { kind, ...filters, sort: sort as "probability", limit, cursor: search.cursor };
  const list = useQuery({
    ...apiQuery(routes.listChurnPredictions, { query }),
    placeholderData: keepPreviousData,
    enabled: Boolean(model.data?.model),
  });
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const ownerOptions = useMemo(
    () => [
      { value: "none", label: "Unassigned" },
      ...(facets.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name })),
    ],
    [facets.data],
  );

  const trained = model.data?.model ?? null;
  const totals = list.data?.totals ?? [];
  const rows = list.data?.data;
  const columns = useMemo(() => columnsFor(kind), [kind]);

  const untrained = (
    <EmptyState
      icon={<IconShieldExclamation size={26} />}
      withIndicatorBackground
      title={`No ${t.noun} model trained yet`}
      description={
        session.canWrite
          ? `Steward learns from your customers' history which accounts are likely to ${kind === "churn" ? "churn" : "expand"}, and why. Training takes a few seconds.`
          : `Nobody has trained a ${t.noun} model yet. Ask a member of your team with write access to train one.`
      }
      data-testid="risk-empty"
    >
      {session.canWrite ? (
        <EmptyState.Actions>
          <RetrainButton retrain={retrain} first />
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );

  const body = model.isError ? (
    <ErrorAlert error={model.error} title="The model could not be loaded" onRetry={() => model.refetch()} />
  ) : model.isLoading ? (
    <Skeleton h={260} radius="md" />
  ) : !trained ? (
    <Stack gap="md">
      {untrained}
      <RetrainStatus retrain={retrain} kind={kind} />
    </Stack>
  ) : (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <StatCard
          label="Customers scored"
          value={list.data ? formatNumber(totals.reduce((s, x) => s + x.accounts, 0)) : "…"}
          hint={filtered ? "matching the filters" : "with a live subscription"}
        />
        <MoneyTotal label="ARR" totals={list.data?.totals} pick={(x) => x.arrMinor} />
        <MoneyTotal
          label={t.weighted}
          totals={list.data?.totals}
          pick={(x) => x.arrAtRiskMinor}
          hint="probability × ARR, summed"
          testId="risk-total-at-risk"
        />
        <StatCard
          label="Model AUC"
          value={trained.evaluation.auc.toFixed(3)}
          hint={`${trained.evaluation.folds.length}-fold cross-validation`}
        />
      </SimpleGrid>
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
        label={`${t.title} predictions`}
        columns={columns}
        data={rows}
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
        model={trained}
        kind={kind}
        actions={session.canWrite ? <RetrainButton retrain={retrain} /> : undefined}
        status={<RetrainStatus retrain={retrain} kind={kind} />}
      />
    </Stack>
  );

  return (
    <>
      <PageHeader
        title="Risk"
        description="Which customers are likely to churn or expand, why, and how much ARR is at stake"
      />
      <Tabs
        value={kind}
        onChange={(v) =>
          navigate({
            search: (prev) => ({
              ...prev,
              kind: v === "expansion" ? "expansion" : undefined,
              cursor: undefined,
            }),
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="churn" leftSection={<IconTrendingDown size={16} />}>
            Churn risk
          </Tabs.Tab>
          <Tabs.Tab value="expansion" leftSection={<IconTrendingUp size={16} />}>
            Expansion
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {body}
    </>
  );
}
