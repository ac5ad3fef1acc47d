import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import type { ModelDefinition } from "../../../contract/index.ts";
import { routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDecimal } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { BandBadge } from "./HealthBadge.tsx";

/**
 * Scores a sample of accounts today with the definition being edited, saved or not; refreshed on
 * demand. Each row shows the score, band and the measures that added most.
 */
export function ModelPreview({
  definition,
  onErrors,
}: {
  definition: ModelDefinition;
  /** The API's field errors, shown at the editor's fields. */
  onErrors: (e: unknown) => void;
}) {
  const preview = useMutation({
    mutationFn: () => api(routes.previewHealthModel, { body: { definition, limit: 20 } }),
    onError: onErrors,
  });
  const rows = preview.data?.accounts;
  return (
    <Section
      title="Preview"
      description="Today's scores of sample accounts with the definition as edited (nothing is saved)"
      actions={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={preview.isPending}
          onClick={() => preview.mutate()}
        >
          {rows ? "Refresh preview" : "Preview"}
        </Button>
      }
    >
      {preview.isError ? (
        <ErrorAlert error={preview.error} title="The preview failed" />
      ) : !rows ? (
        <Text size="sm" c="dimmed">
          Preview to see how this definition scores sample accounts before you save or publish it.
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No account to score: the workspace has no customers yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table className="steward-table" aria-label="Preview scores" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>Score</Table.Th>
                <Table.Th>Top contributions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.accountId}>
                  <Table.Td>
                    <AnchorLink to="/accounts/$id" params={{ id: r.accountId }} size="sm">
                      {r.accountName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td className="steward-num">
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {formatDecimal(r.score)}
                      </Text>
                      {r.band ? <BandBadge band={r.band} size="xs" /> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td data-wrap="true">
                    <Stack gap={0}>
                      {[...r.measures]
                        .sort((a, b) => b.contribution - a.contribution)
                        .slice(0, 3)
                        .map((m) => (
                          <Text key={m.key} size="xs">
                            {m.name}{" "}
                            <Badge size="xs" variant="default" className="steward-num">
                              +{formatDecimal(m.contribution)}
                            </Badge>
                          </Text>
                        ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
