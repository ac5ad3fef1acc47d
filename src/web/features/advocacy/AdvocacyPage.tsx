import { Button, Skeleton, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { utcToday } from "../../../common/dates.ts";
import { type AdvocacyKind, routes } from "../../../contract/index.ts";
import { apiIssues } from "../../lib/issues.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { AdvocacySearch } from "../../router.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { PeriodFilters } from "../revenue/RevenueFilters.tsx";
import { monthLabel, revenuePeriod } from "../revenue/revenueView.ts";
import { AskFormModal, type AskTarget } from "./AskFormModal.tsx";
import { AsksSection } from "./AsksSection.tsx";
import { CandidatesSection } from "./CandidatesSection.tsx";
import { LoyaltySummary } from "./LoyaltySummary.tsx";

const route = getRouteApi("/_app/advocacy");

/**
 * Advocacy (docs/advocacy.md): the period's NPS trend and asks, who could be asked next and why,
 * and every ask with where it stands. The period, segment and filters are in the URL.
 */
export function AdvocacyPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const [asking, setAsking] = useState<AskTarget | null>(null);
  const [askOpen, askModal] = useDisclosure(false);
  const period = revenuePeriod(search.period ?? "12m", search, utcToday());
  const summary = useQuery({
    ...apiQuery(routes.getAdvocacySummary, {
      query: { from: period.from, to: period.to, segment: search.segment },
    }),
    placeholderData: keepPreviousData,
  });
  // A new page of the asks is a step in the history; filters replace the view.
  const set = (patch: Partial<AdvocacySearch>, push = false) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: !push });
  const ask = (target: AskTarget | null) => {
    setAsking(target);
    askModal.open();
  };
  const periodName = `${monthLabel(period.first)} – ${monthLabel(period.last)}`;

  return (
    <>
      <PageHeader
        title="Advocacy"
        description={`NPS, references, testimonials, referrals, reviews and case studies · ${periodName}`}
        actions={
          session.canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => ask(null)}>
              New ask
            </Button>
          ) : null
        }
      />
      <PeriodFilters search={search} onChange={(patch) => set(patch)} period={period} error={summary.error} />
      <Stack gap="md">
        {summary.isError && apiIssues(summary.error).length === 0 ? (
          <ErrorAlert
            error={summary.error}
            title="The loyalty figures could not be loaded"
            onRetry={() => summary.refetch()}
          />
        ) : null}
        {summary.data ? (
          <Stack gap="md" style={{ opacity: summary.isPlaceholderData ? 0.6 : 1 }}>
            <LoyaltySummary summary={summary.data} periodName={periodName} />
          </Stack>
        ) : summary.isPending ? (
          <Skeleton h={360} />
        ) : null}
        <CandidatesSection
          segment={search.segment}
          kind={search.kind}
          onKind={(kind: AdvocacyKind | undefined) => set({ kind })}
          onAsk={session.canWrite ? ask : null}
        />
        <AsksSection
          filters={{
            kind: search.askKind,
            state: search.askState,
            cursor: search.cursor,
            limit: search.limit,
          }}
          onFilters={(patch, keep) =>
            set(
              {
                ...("kind" in patch ? { askKind: patch.kind } : {}),
                ...("state" in patch ? { askState: patch.state } : {}),
                ...("limit" in patch ? { limit: patch.limit } : {}),
                cursor: keep ? patch.cursor : undefined,
              },
              keep,
            )
          }
          canWrite={session.canWrite}
        />
      </Stack>
      <AskFormModal opened={askOpen} onClose={askModal.close} target={asking} />
    </>
  );
}
