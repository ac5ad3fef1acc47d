import { Badge, Button, Group, Menu, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDots, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { ExpansionList, ExpansionOpportunity } from "../../../contract/index.ts";
import { formatDate, formatMoney, formatPercent } from "../../lib/format.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, actionsColumn, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { ExpansionFormModal } from "./ExpansionFormModal.tsx";
import { type ExpansionValues, newExpansion } from "./expansionDraft.ts";
import { useDeleteExpansion, useExpansions, useUpdateExpansion } from "./use-expansion.ts";

type Suggestion = ExpansionList["suggestions"][number];

const STAGE_COLOR = { open: "blue", won: "green", lost: "gray" } as const;

const accountLink = (id: string, name: string) => (
  <AnchorLink to="/accounts/$id" params={{ id }} size="sm" fw={500}>
    {name}
  </AnchorLink>
);

/**
 * The expansion pipeline: open opportunities first (by expected close), then the ones won or
 * lost; and the customers the expansion model rates likely to grow that have none open, each a
 * click away from an opportunity.
 */
export function ExpansionPanel() {
  const list = useExpansions();
  const update = useUpdateExpansion();
  const remove = useDeleteExpansion();
  const [opened, modal] = useDisclosure(false);
  const [start, setStart] = useState<{
    values: ExpansionValues;
    accountName?: string;
    editing?: ExpansionOpportunity;
  }>({ values: newExpansion(null) });
  const [deleting, setDeleting] = useState<ExpansionOpportunity | null>(null);
  const open = (next: typeof start) => {
    setStart(next);
    modal.open();
  };

  const o = columnHelper<ExpansionOpportunity>();
  const columns: AnyColumns<ExpansionOpportunity> = [
    o.accessor("accountName", {
      header: "Account",
      cell: (i) => accountLink(i.row.original.accountId, i.getValue()),
    }),
    o.accessor("title", { header: "Opportunity" }),
    o.accessor("arrMinor", {
      header: "ARR it adds",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
    }),
    o.accessor("stage", {
      header: "Stage",
      cell: (i) => (
        <Badge variant="light" color={STAGE_COLOR[i.getValue() as ExpansionOpportunity["stage"]]}>
          {i.getValue()}
        </Badge>
      ),
    }),
    o.accessor("expectedClose", { header: "Expected close", cell: (i) => formatDate(i.getValue()) }),
    o.accessor("expansionProbability", {
      header: "Expansion likelihood",
      meta: { numeric: true },
      cell: (i) => (i.getValue() === null ? "—" : formatPercent(i.getValue())),
    }),
    o.accessor((r) => r.owner?.name ?? null, {
      id: "owner",
      header: "Owner",
      cell: (i) => i.getValue() ?? <Text c="dimmed">No owner</Text>,
    }),
    ...actionsColumn<ExpansionOpportunity>((r) => (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" aria-label={`Actions for ${r.title}`}>
            <IconDots size={16} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => open({ values: newExpansion(null), editing: r })}>Edit</Menu.Item>
          {r.stage === "open" ? (
            <>
              <Menu.Item onClick={() => update.mutate({ id: r.id, body: { stage: "won" } })}>
                Mark won
              </Menu.Item>
              <Menu.Item onClick={() => update.mutate({ id: r.id, body: { stage: "lost" } })}>
                Mark lost
              </Menu.Item>
            </>
          ) : (
            <Menu.Item onClick={() => update.mutate({ id: r.id, body: { stage: "open" } })}>Reopen</Menu.Item>
          )}
          <Menu.Item color="red" onClick={() => setDeleting(r)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    )),
  ];

  const s = columnHelper<Suggestion>();
  const suggestionColumns: AnyColumns<Suggestion> = [
    s.accessor("accountName", {
      header: "Account",
      cell: (i) => accountLink(i.row.original.accountId, i.getValue()),
    }),
    s.accessor("expansionProbability", {
      header: "Expansion likelihood",
      meta: { numeric: true },
      cell: (i) => formatPercent(i.getValue()),
    }),
    s.accessor("mrrMinor", {
      header: "ARR today",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.getValue() * 12, i.row.original.currency),
    }),
    s.accessor((r) => r.owner?.name ?? null, {
      id: "owner",
      header: "Owner",
      cell: (i) => i.getValue() ?? <Text c="dimmed">No owner</Text>,
    }),
    ...actionsColumn<Suggestion>((r) => (
      <Button
        size="compact-xs"
        variant="light"
        onClick={() =>
          open({
            values: newExpansion({ id: r.accountId, currency: r.currency, ownerId: r.owner?.id ?? null }),
            accountName: r.accountName,
          })
        }
      >
        Create opportunity
      </Button>
    )),
  ];

  const rows = list.data?.data;
  const openArr = (rows ?? []).filter((r) => r.stage === "open");
  return (
    <Stack gap="lg">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {update.error ? <ErrorAlert error={update.error} /> : null}
      <Section
        title="Expansion opportunities"
        description={`${openArr.length} open`}
        actions={
          <Group gap="xs">
            <DownloadCsvButton
              filename="expansion-opportunities.csv"
              disabled={!rows?.length}
              rows={() => [
                [
                  "account",
                  "opportunity",
                  "arr_minor",
                  "currency",
                  "stage",
                  "expected_close",
                  "owner",
                  "note",
                ],
                ...(rows ?? []).map((r) => [
                  r.accountName,
                  r.title,
                  r.arrMinor,
                  r.currency,
                  r.stage,
                  r.expectedClose,
                  r.owner?.name ?? null,
                  r.note,
                ]),
              ]}
            />
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => open({ values: newExpansion(null) })}
            >
              New opportunity
            </Button>
          </Group>
        }
      >
        <DataTable
          label="Expansion opportunities"
          columns={columns}
          data={rows}
          loading={list.isLoading}
          rowKey={(r) => r.id}
          empty="No expansion opportunities yet: record one, or start from a suggestion below."
        />
      </Section>
      <Section
        title="Suggested by the expansion model"
        description="Paying customers rated at least 30% likely to grow, with no open opportunity"
      >
        <DataTable
          label="Expansion suggestions"
          columns={suggestionColumns}
          data={list.data?.suggestions}
          loading={list.isLoading}
          rowKey={(r) => r.accountId}
          empty="No suggestions: the expansion model rates no customer without an open opportunity at 30% or more."
        />
      </Section>
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this opportunity?"
        message={deleting ? `“${deleting.title}” at ${deleting.accountName} will be gone for good.` : ""}
        confirmLabel="Delete"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      />
      <ExpansionFormModal
        opened={opened}
        onClose={modal.close}
        start={start.values}
        editing={start.editing}
        accountName={start.accountName}
      />
    </Stack>
  );
}
