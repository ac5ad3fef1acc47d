import { Button, Group, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { routes } from "../../../contract/index.ts";
import { formatDayRange } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { AccountPicker } from "../../ui/pickers.tsx";
import { Section } from "../../ui/Section.tsx";
import { CapturedEmailReview } from "../capture/CapturedEmailReview.tsx";
import { EmployeeSummaryTable } from "./EmployeeSummaryTable.tsx";
import { JourneyMatrix } from "./JourneyMatrix.tsx";
import { avg } from "./labels.ts";

const route = getRouteApi("/_app/journey");

/** The journey of the workspace or of one account: the matrix, its gaps, development steps, employees. */
export function JourneyPage() {
  const search = route.useSearch();
  const session = useSession();
  const navigate = route.useNavigate();
  const set = (patch: Partial<typeof search>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const journey = useQuery(
    apiQuery(routes.getJourney, { query: { accountId: search.accountId, from: search.from, to: search.to } }),
  );
  const account = useQuery({
    ...apiQuery(routes.getAccount, { params: { id: search.accountId ?? "" } }),
    enabled: Boolean(search.accountId),
  });
  const j = journey.data;

  return (
    <>
      <PageHeader
        title={account.data ? `Journey of ${account.data.name}` : "Journey"}
        description="Which of our functions meet the customer at each step of their decision, and how well"
        actions={
          account.data ? (
            <AnchorLink to="/accounts/$id" params={{ id: account.data.id }} size="sm">
              Back to {account.data.name}
            </AnchorLink>
          ) : null
        }
      />
      <Group align="flex-end" mb="md" gap="sm">
        <AccountPicker
          label="Account"
          placeholder="The whole workspace"
          value={search.accountId ?? null}
          initialLabel={account.data?.name ?? null}
          onChange={(v) => set({ accountId: v ?? undefined })}
          w={260}
        />
        <TextInput
          type="date"
          label="From"
          value={search.from ?? j?.from ?? ""}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label="To"
          value={search.to ?? j?.to ?? ""}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
        {search.from || search.to ? (
          <Button variant="subtle" onClick={() => set({ from: undefined, to: undefined })}>
            Last 12 months
          </Button>
        ) : null}
      </Group>
      {journey.isError ? (
        <ErrorAlert
          error={journey.error}
          title="The journey could not be loaded"
          onRetry={() => journey.refetch()}
        />
      ) : null}
      {!j && !journey.isError ? <Skeleton h={320} /> : null}
      {j ? (
        <Stack gap="md">
          <Section
            title="Decision steps × functions"
            description={`${j.total.touchpoints} touchpoint${j.total.touchpoints === 1 ? "" : "s"}, ${formatDayRange(j.from, j.to)}`}
          >
            {j.total.touchpoints === 0 ? (
              <Text size="sm" c="dimmed" mb="sm">
                No touchpoints in this period yet. Log them from an account's page (Touchpoints → Log
                touchpoint), or choose a longer period.
              </Text>
            ) : null}
            <JourneyMatrix journey={j} />
          </Section>
          {search.accountId ? null : <CapturedEmailReview canWrite={session.canWrite} />}
          <Section
            title="Gaps"
            count={j.gaps.length}
            description="Steps nobody met the customer at, and functions missing from a step"
          >
            {j.gaps.length === 0 ? (
              <Text size="sm" c="dimmed">
                No gaps: every step has touchpoints, and every function present in the period shows up at
                every step.
              </Text>
            ) : (
              <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: "1.2em" }} aria-label="Gaps">
                {j.gaps.map((g) => (
                  <Text component="li" size="sm" key={`${g.step}-${g.function ?? ""}`}>
                    {g.reason}
                  </Text>
                ))}
              </Stack>
            )}
          </Section>
          <Section title="Our business-development steps">
            <Table aria-label="Touchpoints by business-development step">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Step</Table.Th>
                  <Table.Th>Touchpoints</Table.Th>
                  <Table.Th>Average quality</Table.Th>
                  <Table.Th>Average experience</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {j.development.map((d) => (
                  <Table.Tr key={d.step}>
                    <Table.Td>{d.archived ? `${d.label} (archived)` : d.label}</Table.Td>
                    <Table.Td>{d.touchpoints}</Table.Td>
                    <Table.Td>{avg(d.avgQuality)}</Table.Td>
                    <Table.Td>{avg(d.avgExperience)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <EmployeeSummaryTable from={j.from} to={j.to} />
        </Stack>
      ) : null}
    </>
  );
}
