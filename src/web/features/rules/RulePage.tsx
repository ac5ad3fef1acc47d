import { Breadcrumbs, Button, Paper, Stack, Tabs, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconBolt, IconHistory, IconListDetails, IconPlayerPlay } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { Rule } from "../../../contract/index.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { DeleteRecordDialog } from "../../ui/DeleteRecordDialog.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordPage } from "../../ui/RecordPage.tsx";
import { DryRunTab } from "./DryRunTab.tsx";
import { EnabledSwitch } from "./EnabledSwitch.tsx";
import { actionText } from "./labels.ts";
import { ReplayTab } from "./ReplayTab.tsx";
import { RuleEditor } from "./RuleEditor.tsx";
import { RunsTab } from "./RunsTab.tsx";
import { useRuleWords } from "./use-rule-words.ts";
import { ruleQuery, useRuleMutations } from "./use-rules.ts";

const route = getRouteApi("/_app/rules/$id");

/** The rule in three lines: when, for which accounts, and what it does. */
function RuleSummary({ rule }: { rule: Rule }) {
  const words = useRuleWords();
  return (
    <Paper withBorder radius="md" p="md" mb="md" data-testid="rule-summary">
      <Stack gap={4}>
        <Text size="sm">
          <Text span fw={600}>
            Trigger:{" "}
          </Text>
          {words.trigger(rule)}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            For:{" "}
          </Text>
          {rule.conditions.conditions.length === 0
            ? "every account"
            : `accounts where ${words.conditions(rule)}`}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            Do:{" "}
          </Text>
          {rule.actions
            .map((a) => actionText(a, words.memberName, words.playbookName, words.stageName))
            .join("; ")}
        </Text>
        <Text size="xs" c="dimmed">
          {rule.lastRunAt ? `Last run ${formatDateTime(rule.lastRunAt)}` : "Not run yet"}
          {rule.createdBy ? ` · created by ${rule.createdBy.name}` : ""}
        </Text>
      </Stack>
    </Paper>
  );
}

function RuleView({ rule }: { rule: Rule }) {
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [deleting, del] = useDisclosure(false);
  const [confirmingRun, runDialog] = useDisclosure(false);
  const { remove, run } = useRuleMutations();
  const tab = search.tab ?? "dry-run";
  const runNow = () =>
    run.mutate(rule.id, {
      onSuccess: (r) => {
        runDialog.close();
        notifications.show({
          message: `“${rule.name}” ran: ${formatNumber(r.matched)} account${r.matched === 1 ? "" : "s"} matched`,
        });
        void navigate({ search: { tab: "runs", run: r.id }, replace: true });
      },
    });
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/rules" size="sm" c="dimmed">
              Rules
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {rule.name}
            </Text>
          </Breadcrumbs>
        }
        title={rule.name}
        badges={<EnabledSwitch rule={rule} size="md" />}
        description={rule.description ?? undefined}
        actions={
          session.isAdmin ? (
            <>
              <Button
                variant="default"
                leftSection={<IconPlayerPlay size={16} />}
                loading={run.isPending}
                onClick={() => {
                  run.reset();
                  runDialog.open();
                }}
              >
                Run now
              </Button>
              <RecordActions
                onEdit={() => navigate({ search: { edit: true } })}
                onDelete={() => {
                  remove.reset();
                  del.open();
                }}
                deleteLabel="Delete rule"
              />
            </>
          ) : null
        }
      />
      <RuleSummary rule={rule} />
      <Tabs
        value={tab}
        onChange={(t) =>
          navigate({
            search: { tab: t === "replay" || t === "runs" ? t : undefined },
            replace: true,
          })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="dry-run" leftSection={<IconBolt size={16} />}>
            Dry run
          </Tabs.Tab>
          <Tabs.Tab value="replay" leftSection={<IconHistory size={16} />}>
            Replay
          </Tabs.Tab>
          <Tabs.Tab value="runs" leftSection={<IconListDetails size={16} />}>
            Runs
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dry-run">
          <DryRunTab rule={rule} />
        </Tabs.Panel>
        <Tabs.Panel value="replay">
          <ReplayTab rule={rule} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          {tab === "runs" ? (
            <RunsTab
              rule={rule}
              runId={search.run}
              onRun={(id) => navigate({ search: { tab: "runs", run: id }, replace: true })}
            />
          ) : null}
        </Tabs.Panel>
      </Tabs>
      <ConfirmDialog
        opened={confirmingRun}
        onClose={runDialog.close}
        title={`Run “${rule.name}” now?`}
        message="A run by hand does for real what the dry run shows: each action on the accounts the trigger describes now that fit the conditions (alerts and tasks already open are counted again, not opened twice)."
        confirmLabel="Run now"
        color="blue"
        onConfirm={runNow}
        loading={run.isPending}
        error={run.error}
      />
      <DeleteRecordDialog
        opened={deleting}
        onClose={del.close}
        record={rule}
        noun="rule"
        message="The rule and its run log are deleted. Alerts and tasks it opened stay in the inbox."
        remove={remove}
        onDeleted={() => void navigate({ to: "/rules", search: {} })}
      />
    </>
  );
}

/** One rule: its page with dry run, replay and runs, or its editor (`?edit=true`, for admins). */
export function RulePage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  return (
    <RecordPage
      query={useQuery(ruleQuery(id))}
      list="/rules"
      listLabel="Rules"
      loadErrorTitle="This rule could not be loaded"
      edit={Boolean(search.edit) && session.isAdmin}
      leave={() => void navigate({ search: {}, replace: true })}
      editor={(rule, leave) => (
        <RuleEditor
          rule={rule}
          onSaved={(r) => {
            notifications.show({ message: `“${r.name}” saved` });
            leave();
          }}
          onCancel={leave}
        />
      )}
      view={(rule) => <RuleView rule={rule} />}
    />
  );
}
