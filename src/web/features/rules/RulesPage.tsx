import { EmptyState, Text } from "@mantine/core";
import { IconBolt, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { Rule } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable } from "../../ui/ListTable.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { NameCell } from "../../ui/NameCell.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { EnabledSwitch } from "./EnabledSwitch.tsx";
import { useRuleWords } from "./use-rule-words.ts";
import { rulesQuery } from "./use-rules.ts";

const col = columnHelper<Rule>();

/** The workspace's rules: when, for which accounts, whether on, and when each last ran. */
export function RulesPage() {
  const session = useSession();
  const navigate = useNavigate();
  const list = useQuery(rulesQuery);
  const words = useRuleWords();
  const columns: AnyColumns<Rule> = [
    col.accessor("name", {
      header: "Name",
      cell: (i) => (
        <NameCell
          link={
            <AnchorLink to="/rules/$id" params={{ id: i.row.original.id }} fw={500} size="sm">
              {i.getValue()}
            </AnchorLink>
          }
          description={i.row.original.description}
        />
      ),
    }),
    col.display({ id: "trigger", header: "Trigger", cell: (i) => words.trigger(i.row.original) }),
    col.display({
      id: "conditions",
      header: "For accounts where",
      cell: (i) => (
        <Text size="sm" lineClamp={2} maw={360}>
          {words.conditions(i.row.original)}
        </Text>
      ),
    }),
    col.accessor("enabled", { header: "On", cell: (i) => <EnabledSwitch rule={i.row.original} /> }),
    col.accessor("lastRunAt", {
      header: "Last run",
      cell: (i) => (i.getValue() ? formatDateTime(i.getValue()) : <Text c="dimmed">Never</Text>),
    }),
  ];
  const newButton = session.isAdmin ? (
    <ButtonLink to="/rules/new" leftSection={<IconPlus size={16} />}>
      New rule
    </ButtonLink>
  ) : null;

  return (
    <>
      <PageHeader
        title="Rules"
        description="When something happens to an account that fits, Steward acts: opens an alert or task, emails, or sets a field. Dry-run and replay a rule before you switch it on."
        actions={newButton}
      />
      <ListTable
        query={list}
        errorTitle="Rules could not be loaded"
        label="Rules"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        rowKey={(r) => r.id}
        onRowClick={(r) => navigate({ to: "/rules/$id", params: { id: r.id } })}
        minWidth={860}
        empty={
          <EmptyState
            icon={<IconBolt size={26} />}
            withIndicatorBackground
            title="No rules yet"
            description={
              session.isAdmin
                ? "A rule watches for a trigger — health turning poor, a renewal 90 days away, a low NPS — and acts on the accounts that fit. Create the first one."
                : "Nobody has created a rule yet. Rules are created by admins."
            }
          >
            {newButton ? <EmptyState.Actions>{newButton}</EmptyState.Actions> : null}
          </EmptyState>
        }
      />
    </>
  );
}
