import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { isApiError } from "../../api.ts";
import { FUNCTION_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { avg } from "./labels.ts";

const counted = (value: number | null, n: number) => (n === 0 ? "–" : `${avg(value)} (${n})`);

/** Per employee: touchpoints, reviewed and self-assessed quality apart, customers' experience. */
export function EmployeeSummaryTable({ from, to }: { from?: string; to?: string }) {
  const summary = useQuery({
    ...apiQuery(routes.listEmployeeSummaries, { query: { from, to } }),
    retry: false,
  });
  if (summary.isError && isApiError(summary.error) && summary.error.status === 403) {
    return (
      <Section title="Employees">
        <Text size="sm" c="dimmed">
          Per-employee figures are for members (their own), managers, leaders and admins.
        </Text>
      </Section>
    );
  }
  const rows = summary.data?.data ?? [];
  return (
    <Section
      title="Employees"
      description={
        summary.data?.ownOnly
          ? "Your own touchpoints in this period"
          : "Touchpoints per employee in this period; quality reviewed by others and self-assessed are kept apart"
      }
    >
      {summary.isError ? <ErrorAlert error={summary.error} onRetry={() => summary.refetch()} /> : null}
      {summary.isSuccess && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No touchpoints with an employee in this period.
        </Text>
      ) : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Touchpoints per employee">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Employee</Table.Th>
                <Table.Th>Function</Table.Th>
                <Table.Th>Touchpoints</Table.Th>
                <Table.Th>Quality, reviewed (n)</Table.Th>
                <Table.Th>Quality, self-assessed (n)</Table.Th>
                <Table.Th>Customer experience (n)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.employeeId}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    {r.function ? (FUNCTION_LABELS[r.function] ?? r.function) : "Left the workspace"}
                  </Table.Td>
                  <Table.Td>{r.touchpoints}</Table.Td>
                  <Table.Td>{counted(r.avgQuality, r.reviewed)}</Table.Td>
                  <Table.Td>{counted(r.avgSelfQuality, r.selfAssessed)}</Table.Td>
                  <Table.Td>{counted(r.avgExperience, r.experienceRated)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Section>
  );
}
