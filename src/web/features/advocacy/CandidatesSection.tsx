import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconSpeakerphone } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  ADVOCACY_KINDS,
  type AdvocacyCandidate,
  type AdvocacyKind,
  routes,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDate, formatMoney } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { QueryTable } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { BandBadge } from "../health/HealthBadge.tsx";
import type { AskTarget } from "./AskFormModal.tsx";
import { candidatesCsvRows } from "./advocacyView.ts";
import { KIND_LABELS, STATE_LABELS } from "./labels.ts";

/** Shown at first, and how many more each "Show more" adds (up to the API's 200). */
const STEP = 20;
const col = columnHelper<AdvocacyCandidate>();

function columns(onAsk: ((c: AdvocacyCandidate) => void) | null): AnyColumns<AdvocacyCandidate> {
  return [
    col.accessor((c) => c.contact.name, {
      id: "contact",
      header: "Key player",
      cell: (i) => {
        const c = i.row.original;
        return (
          <Stack gap={0}>
            <AnchorLink to="/contacts/$id" params={{ id: c.contact.id }} size="sm" fw={500}>
              {c.contact.name}
            </AnchorLink>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {c.contact.title ?? ""}
            </Text>
          </Stack>
        );
      },
    }),
    col.accessor((c) => c.account.name, {
      id: "account",
      header: "Account",
      cell: (i) => (
        <AnchorLink to="/accounts/$id" params={{ id: i.row.original.account.id }} size="sm">
          {i.getValue()}
        </AnchorLink>
      ),
    }),
    col.accessor((c) => c.nps.score, {
      id: "nps",
      header: "NPS",
      meta: { numeric: true },
      cell: (i) => (
        <Text size="sm" span title={`Answered on ${formatDate(i.row.original.nps.answeredAt)}`}>
          {i.getValue()}
        </Text>
      ),
    }),
    col.accessor("outcomesAchieved", { header: "Outcomes", meta: { numeric: true } }),
    col.display({
      id: "health",
      header: "Health",
      cell: (i) => (
        <Group gap={6} wrap="nowrap">
          <BandBadge band={i.row.original.health.band} size="xs" />
          <Text size="sm" span className="steward-num">
            {i.row.original.health.score === null ? "" : Math.round(i.row.original.health.score)}
          </Text>
        </Group>
      ),
    }),
    col.accessor("arrMinor", {
      header: "ARR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
    }),
    col.display({
      id: "lastAsk",
      header: "Last asked",
      cell: (i) => {
        const l = i.row.original.lastAsk;
        return l ? (
          <Stack gap={0}>
            <Text size="sm">{formatDate(l.askedOn)}</Text>
            <Text size="xs" c="dimmed">
              {KIND_LABELS[l.kind]}, {STATE_LABELS[l.state].toLowerCase()}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" span>
            Never
          </Text>
        );
      },
    }),
    col.display({
      id: "why",
      header: "Why",
      cell: (i) => (
        <Stack gap={0} w={280}>
          {i.row.original.reasons.slice(0, 3).map((r) => (
            <Text key={r} size="xs" c="dimmed" truncate="end" title={r}>
              {r}
            </Text>
          ))}
        </Stack>
      ),
    }),
    ...actionsColumn<AdvocacyCandidate>(
      (c) => (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => onAsk?.(c)}
          aria-label={`Ask ${c.contact.name}`}
        >
          Ask
        </Button>
      ),
      onAsk !== null,
    ),
  ];
}

/**
 * Who could be asked next, best first, with why; narrowed by the page's segment and by the kind
 * about to be asked for, which the Ask form then starts from.
 */
export function CandidatesSection({
  segment,
  kind,
  onKind,
  onAsk,
}: {
  segment: string | undefined;
  kind: AdvocacyKind | undefined;
  onKind: (kind: AdvocacyKind | undefined) => void;
  /** Null for people who may not write. */
  onAsk: ((target: AskTarget) => void) | null;
}) {
  const [limit, setLimit] = useState(STEP);
  const list = useQuery({
    ...apiQuery(routes.listAdvocacyCandidates, { query: { segment, kind, limit } }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.data ?? [];
  const more = rows.length === limit && limit < 200;
  // The CSV holds the whole ranked list (200 at most), not only the rows shown.
  const csvRows = async () =>
    candidatesCsvRows(
      (await api(routes.listAdvocacyCandidates, { query: { segment, kind, limit: 200 } })).data,
    );
  return (
    <Section
      title="Who could be asked next"
      count={list.data ? rows.length : undefined}
      description={`Promoters among the key players of healthy customers with outcomes achieved, not asked in the last ${list.data?.doNotAskDays ?? 90} days`}
      padding={0}
      testId="advocacy-candidates"
      actions={
        <DownloadCsvButton filename="advocacy-candidates.csv" rows={csvRows} disabled={rows.length === 0} />
      }
    >
      <Group gap="xs" p="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <FilterMenu
          label="Asking for"
          single
          options={ADVOCACY_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          value={splitList(kind)}
          onChange={(v) => onKind(v[0] as AdvocacyKind | undefined)}
        />
        {kind ? (
          <Badge variant="light" color="gray" tt="none">
            Leaves out who declined a {KIND_LABELS[kind].toLowerCase()} or has one open
          </Badge>
        ) : null}
      </Group>
      <QueryTable
        query={list}
        errorTitle="The candidates could not be loaded"
        label="Candidates"
        columns={columns(
          onAsk ? (c) => onAsk({ account: c.account, contact: c.contact, kind: kind ?? null }) : null,
        )}
        data={rows}
        loading={list.isLoading}
        fetching={list.isFetching && !list.isLoading}
        rowKey={(c) => c.contact.id}
        minWidth={1150}
        skeletonRows={5}
        empty={
          <Stack align="center" gap={4} py="md">
            <IconSpeakerphone size={22} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed" ta="center" maw={520}>
              Nobody to suggest right now. Candidates are key players whose latest NPS answer is 9 or 10, at
              customers in good health with outcomes achieved: send an NPS survey, or record achieved outcomes
              on the account pages.
            </Text>
          </Stack>
        }
      />
      {more ? (
        <Group justify="center" p="xs">
          <Button variant="subtle" size="xs" onClick={() => setLimit((l) => Math.min(200, l + STEP))}>
            Show more
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}
