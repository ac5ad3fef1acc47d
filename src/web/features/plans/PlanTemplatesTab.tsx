import { Button, EmptyState, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconPlus, IconTemplate, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type PlanTemplate, routes } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { TemplateFormModal } from "./TemplateFormModal.tsx";
import { useTemplateMutations } from "./use-template-mutations.ts";

const col = columnHelper<PlanTemplate>();
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Settings: the plan templates a new success plan can start from (admins edit them). */
export function PlanTemplatesTab() {
  const session = useSession();
  const templates = useQuery(apiQuery(routes.listPlanTemplates, {}));
  const [adding, add] = useDisclosure(false);
  const editing = useEditTarget<PlanTemplate>();
  const deleting = useEditTarget<PlanTemplate>();
  const { remove } = useTemplateMutations();

  const columns: AnyColumns<PlanTemplate> = [
    col.accessor("name", {
      header: "Name",
      cell: (i) => (
        <div>
          <Text size="sm" fw={500}>
            {i.getValue()}
          </Text>
          {i.row.original.description ? (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {i.row.original.description}
            </Text>
          ) : null}
        </div>
      ),
    }),
    col.accessor("objectives", {
      header: "Objectives and milestones",
      cell: (i) => {
        const objectives: PlanTemplate["objectives"] = i.getValue();
        const milestones = objectives.reduce((n, o) => n + o.milestones.length, 0);
        return (
          <div>
            <Text size="sm">
              {plural(objectives.length, "objective")} · {plural(milestones, "milestone")}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {objectives.map((o) => o.title).join(" · ")}
            </Text>
          </div>
        );
      },
    }),
    col.accessor("createdAt", { header: "Added", cell: (i) => formatDate(i.getValue().slice(0, 10)) }),
    ...actionsColumn<PlanTemplate>(
      (t) => (
        <Group gap={0} wrap="nowrap">
          <RowAction
            tooltip="Edit"
            label={`Edit ${t.name}`}
            icon={<IconPencil size={16} />}
            onClick={() => editing.open(t)}
          />
          <RowAction
            tooltip="Delete"
            label={`Delete ${t.name}`}
            icon={<IconTrash size={16} />}
            onClick={() => {
              remove.reset();
              deleting.open(t);
            }}
          />
        </Group>
      ),
      session.isAdmin,
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          Objectives and milestones a new success plan can start from, each due some days after the plan's
          start. Plans made from a template keep their own copy.
        </Text>
        {session.isAdmin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={add.open}>
            New template
          </Button>
        ) : null}
      </Group>
      <ListTable
        query={templates}
        errorTitle="Plan templates could not be loaded"
        label="Plan templates"
        columns={columns}
        data={templates.data?.data}
        loading={templates.isLoading}
        rowKey={(t) => t.id}
        empty={
          <EmptyState
            icon={<IconTemplate size={24} />}
            withIndicatorBackground
            title="No plan templates"
            description={
              session.isAdmin
                ? "Add the plans you run again and again, such as “Onboarding in 90 days”, so CSMs start from them."
                : "An admin can add templates that new success plans start from."
            }
          />
        }
      />
      <TemplateFormModal opened={adding} onClose={add.close} />
      <TemplateFormModal opened={editing.opened} onClose={editing.close} template={editing.target} />
      <ConfirmDialog
        opened={deleting.opened}
        onClose={deleting.close}
        title={`Delete “${deleting.target?.name ?? ""}”?`}
        message="New plans can no longer start from it; plans already made from it keep their objectives and milestones."
        confirmLabel="Delete template"
        onConfirm={() =>
          deleting.target &&
          remove.mutate(deleting.target, {
            onSuccess: () => {
              notifications.show({ message: `Template “${deleting.target?.name ?? ""}” deleted` });
              deleting.close();
            },
          })
        }
        loading={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
