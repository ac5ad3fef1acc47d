import { Button, Group, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconBracketsContain, IconPlus, IconTrash } from "@tabler/icons-react";
import { Fragment } from "react";
import type { SegmentEntity } from "../../../contract/index.ts";
import { ConditionRow, NodeErrors } from "./ConditionRow.tsx";
import { blankCondition, blankGroup, type DraftGroup, type FilterEditing, MAX_DEPTH } from "./filterDraft.ts";
import { recordsWord } from "./labels.ts";

/**
 * A group of conditions joined by AND ("all") or OR ("any"), its rows with the join written
 * between them, and buttons to add a condition or, above the deepest level, a group. The top
 * group is the filter itself; a nested one sits in its own box and can be removed whole.
 */
export function FilterGroupEditor({
  group,
  depth,
  ed,
  entity,
}: {
  group: DraftGroup;
  depth: number;
  ed: FilterEditing;
  entity: SegmentEntity;
}) {
  const nested = depth > 1;
  const join = group.match === "all" ? "and" : "or";
  const body = (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text size="sm">Match</Text>
          <SegmentedControl
            size="xs"
            aria-label={nested ? "Match in this group" : "Match"}
            value={group.match}
            data={[
              { value: "all", label: "all" },
              { value: "any", label: "any" },
            ]}
            onChange={(m) => ed.update(group.id, (g) => ({ ...g, match: m === "any" ? "any" : "all" }))}
          />
          <Text size="sm">of these conditions</Text>
          <Text size="xs" c="dimmed">
            ({group.match === "all" ? "AND: every one must hold" : "OR: at least one must hold"})
          </Text>
        </Group>
        {nested ? (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            leftSection={<IconTrash size={14} />}
            onClick={() => ed.remove(group.id)}
          >
            Remove group
          </Button>
        ) : null}
      </Group>
      <NodeErrors messages={ed.errorsOf(group.id)} />
      {group.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {nested
            ? "This group has no conditions, so it holds for every record. Add one, or remove the group."
            : `No conditions yet: every ${recordsWord(entity, 1)} matches. Add a condition to narrow it down.`}
        </Text>
      ) : null}
      {group.items.map((n, i) => (
        <Fragment key={n.id}>
          {i > 0 ? (
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {join}
            </Text>
          ) : null}
          {n.kind === "group" ? (
            <FilterGroupEditor group={n} depth={depth + 1} ed={ed} entity={entity} />
          ) : (
            <ConditionRow condition={n} ed={ed} />
          )}
        </Fragment>
      ))}
      <Group gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => ed.append(group.id, blankCondition())}
        >
          Add condition
        </Button>
        {depth < MAX_DEPTH ? (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconBracketsContain size={14} />}
            // A group usually exists to join the other way: an OR inside an AND, or the reverse.
            onClick={() => ed.append(group.id, blankGroup(group.match === "all" ? "any" : "all"))}
          >
            Add group
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
  if (!nested) return <div data-testid="segment-filter">{body}</div>;
  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-default-hover)" data-testid="segment-group">
      {body}
    </Paper>
  );
}
