import { Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import { CHARTER_STAGE_LABELS, type CharterVersion } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { groupedObjectives } from "./charterDraft.ts";

/** "Version 2 · approved by Dana Whitfield on Nov 16, 2026". */
export const approvalLine = (v: CharterVersion): string =>
  `Version ${v.version} · approved by ${v.approvedBy?.name ?? "a former member"} on ${formatDate(v.approvedAt)}`;

/** A version's vision, mission and objectives, grouped by stage in the chain's order. */
export function CharterText({
  version,
}: {
  version: Pick<CharterVersion, "vision" | "mission" | "objectives">;
}) {
  return (
    <Stack gap="lg">
      <div>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          Vision
        </Text>
        <Text size="lg" fw={500} style={{ whiteSpace: "pre-wrap" }}>
          {version.vision}
        </Text>
      </div>
      <div>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          Mission
        </Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{version.mission}</Text>
      </div>
      <Stack gap="sm">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          Objectives along the chain
        </Text>
        {groupedObjectives(version.objectives).map((g, n) => (
          <div key={g.stage}>
            <Group gap={8} mb={4}>
              <Badge variant="light" size="sm" circle>
                {n + 1}
              </Badge>
              <Title order={5}>{CHARTER_STAGE_LABELS[g.stage]}</Title>
            </Group>
            <List size="sm" spacing={4} pl="xl">
              {g.texts.map((t) => (
                <List.Item key={t}>{t}</List.Item>
              ))}
            </List>
          </div>
        ))}
      </Stack>
    </Stack>
  );
}
