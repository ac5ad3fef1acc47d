import { Button, EmptyState, Group, Text } from "@mantine/core";
import { IconCalendarRepeat } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import type { Renewal } from "../../../contract/index.ts";
import { formatDayRange } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { useEditTarget } from "../../ui/form.ts";
import { QueryAnswer } from "../../ui/QueryAnswer.tsx";
import { ServerNotes } from "../../ui/ServerNotes.tsx";
import { ForecastSummary } from "./ForecastSummary.tsx";
import { PipelineFilters } from "./PipelineFilters.tsx";
import { PipelineTable } from "./PipelineTable.tsx";
import { RenewalDrawer } from "./RenewalDrawer.tsx";
import { DEFAULT_WINDOW, longerWindow, type RenewalsSearch } from "./renewalsView.ts";
import { usePipeline } from "./use-renewals.ts";

const route = getRouteApi("/_app/renewals");

/** No renewal in the view: a longer window, or fewer filters, is what to try. */
function NoRenewals({ days, filtered }: { days: number; filtered: boolean }) {
  const navigate = route.useNavigate();
  const set = (patch: Partial<RenewalsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const longer = longerWindow(days);
  return (
    <EmptyState
      icon={<IconCalendarRepeat size={26} />}
      withIndicatorBackground
      title={`No renewals ${filtered ? "match these filters" : "are due"} in the next ${days} days`}
      description={
        filtered
          ? "Clear a filter, or look further ahead."
          : longer
            ? "Look further ahead, or check that subscriptions have renewal dates (on each account's page, or by import)."
            : "Renewals come from subscriptions with a renewal date: add them on an account's page, or import them."
      }
      data-testid="renewals-empty"
    >
      <EmptyState.Actions>
        <Group gap="xs">
          {longer ? (
            <Button variant="light" onClick={() => set({ days: longer })}>
              Show the next {longer} days
            </Button>
          ) : null}
          {filtered ? (
            <Button
              variant="default"
              onClick={() =>
                set({ segment: undefined, owner: undefined, stage: undefined, forecast: undefined })
              }
            >
              Clear the filters
            </Button>
          ) : null}
        </Group>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/**
 * The pipeline: the window's forecast on top (the model's and the CSMs' calls side by side, and how
 * the probability is worked out), then every renewal in it; a row opens the renewal to work on it.
 */
export function PipelineTab() {
  const search = route.useSearch();
  const session = useSession();
  const pipeline = usePipeline(search);
  const editing = useEditTarget<Renewal>();
  const days = search.days ?? DEFAULT_WINDOW;
  const filtered = Boolean(search.segment || search.owner || search.stage || search.forecast);

  return (
    <>
      <PipelineFilters />
      <QueryAnswer query={pipeline} errorTitle="The renewals could not be loaded" height={420}>
        {(p) => (
          <>
            <Text size="sm" c="dimmed" data-testid="renewals-window">
              Renewals due {formatDayRange(p.from, p.to)}
              {p.forecast.headline ? ` · forecast in ${p.forecast.headline.currency}` : ""}
            </Text>
            <ServerNotes notes={p.forecast.notes} testId="renewals-notes" />
            {p.data.length === 0 ? (
              <NoRenewals days={days} filtered={filtered} />
            ) : (
              <>
                <ForecastSummary forecast={p.forecast} />
                <PipelineTable
                  rows={p.data}
                  from={p.from}
                  to={p.to}
                  fetching={pipeline.isFetching}
                  onWork={session.canWrite ? editing.open : undefined}
                />
              </>
            )}
          </>
        )}
      </QueryAnswer>
      {editing.target ? (
        <RenewalDrawer renewal={editing.target} opened={editing.opened} onClose={editing.close} />
      ) : null}
    </>
  );
}
