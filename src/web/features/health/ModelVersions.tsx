import { Badge, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";

const STATUS_COLORS = { draft: "orange", published: "teal", retired: "gray" } as const;

/** Every version of the model, newest first: who made it, when it was published. */
export function ModelVersions({ modelId }: { modelId: string }) {
  const q = useQuery(apiQuery(routes.listHealthModelVersions, { params: { id: modelId } }));
  return (
    <Section title="Version history" padding={0}>
      {q.isError ? (
        <ErrorAlert error={q.error} title="Versions could not be loaded" onRetry={() => q.refetch()} />
      ) : (
        <Table className="steward-table" aria-label="Versions" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Published</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(q.data?.data ?? []).map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>v{v.version}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLORS[v.status]}>
                    {v.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {formatDateTime(v.createdAt)}{" "}
                    <Text span size="xs" c="dimmed">
                      {v.createdByName ?? "Steward"}
                    </Text>
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(v.publishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
