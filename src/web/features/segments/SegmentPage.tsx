import { Badge, Breadcrumbs, Button, Paper, SimpleGrid, Tabs, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconHistory, IconList, IconRefresh, IconUsers } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { Segment } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { DeleteRecordDialog } from "../../ui/DeleteRecordDialog.tsx";
import { AnchorLink, ButtonLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordPage } from "../../ui/RecordPage.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { filterText } from "./filterText.ts";
import { ENTITY_LABELS, recordsWord, sinceText } from "./labels.ts";
import { SegmentBuilder } from "./SegmentBuilder.tsx";
import { SegmentHistory } from "./SegmentHistory.tsx";
import { SegmentMembers } from "./SegmentMembers.tsx";
import { segmentQuery, useMemberNames, useSegmentFields, useSegmentMutations } from "./use-segments.ts";

const route = getRouteApi("/_app/segments/$id");

/** "Members are accounts where Tier is “Enterprise” and (…)", from the fields' own names. */
function FilterSummary({ segment }: { segment: Segment }) {
  const { byKey, fields } = useSegmentFields(segment.entity);
  const nameOf = useMemberNames();
  const text = fields ? filterText(segment.filter, byKey, nameOf) : null;
  return (
    <Paper withBorder radius="md" p="md" mb="md" data-testid="segment-filter-summary">
      <Text size="sm">
        <Text span fw={600}>
          Members:{" "}
        </Text>
        {text === null
          ? "…"
          : text
            ? `${ENTITY_LABELS[segment.entity].toLowerCase()} where ${text}.`
            : `every ${segment.entity} (the filter has no conditions).`}
      </Text>
    </Paper>
  );
}

/** A segment: who is in it at the last refresh, who entered and left, and its actions. */
function SegmentView({ segment: s }: { segment: Segment }) {
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [deleting, del] = useDisclosure(false);
  const { refresh, remove } = useSegmentMutations();
  const listLink =
    s.entity === "account" ? (
      <ButtonLink
        to="/accounts"
        search={{ segment: s.id }}
        variant="default"
        leftSection={<IconList size={16} />}
      >
        Show in the account list
      </ButtonLink>
    ) : (
      <ButtonLink
        to="/contacts"
        search={{ segment: s.id }}
        variant="default"
        leftSection={<IconList size={16} />}
      >
        Show in the contact list
      </ButtonLink>
    );
  const refreshNow = () =>
    refresh.mutate(s.id, {
      onSuccess: (r) =>
        notifications.show({
          message: `Counted again: ${formatNumber(r.memberCount)} ${recordsWord(r.entity, r.memberCount)}`,
        }),
      onError: (e) => notifications.show({ color: "red", message: `The refresh failed: ${errorMessage(e)}` }),
    });

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/segments" size="sm" c="dimmed">
              Segments
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {s.name}
            </Text>
          </Breadcrumbs>
        }
        title={s.name}
        badges={
          <Badge variant="light" color="gray">
            Segment of {s.entity}s
          </Badge>
        }
        description={s.description ?? undefined}
        actions={
          <>
            {listLink}
            {session.canWrite ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconRefresh size={16} />}
                  loading={refresh.isPending}
                  onClick={refreshNow}
                >
                  Refresh now
                </Button>
                <RecordActions
                  onEdit={() => navigate({ search: { edit: true } })}
                  onDelete={() => {
                    remove.reset();
                    del.open();
                  }}
                  deleteLabel="Delete segment"
                />
              </>
            ) : null}
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" spacing="md">
        <StatCard
          label="Members"
          value={formatNumber(s.memberCount)}
          hint={`${recordsWord(s.entity, s.memberCount)} at the last refresh`}
          testId="segment-member-count"
        />
        <StatCard
          label="Last refreshed"
          value={s.refreshedAt ? sinceText(s.refreshedAt) : "Not yet"}
          hint={`${s.refreshedAt ? `${formatDateTime(s.refreshedAt)} · ` : ""}every 15 minutes and when saved`}
        />
        <StatCard
          label="Created by"
          value={s.createdBy?.name ?? "—"}
          hint={`on ${formatDate(s.createdAt)}`}
        />
        <StatCard label="Last changed" value={formatDate(s.updatedAt)} hint="Name, description or filter" />
      </SimpleGrid>
      <FilterSummary segment={s} />
      <Tabs
        value={search.tab ?? "members"}
        onChange={(t) =>
          navigate({ search: { tab: t === "history" ? "history" : undefined }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="members" leftSection={<IconUsers size={16} />}>
            Members
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members">
          <SegmentMembers segment={s} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <SegmentHistory segment={s} />
        </Tabs.Panel>
      </Tabs>
      <DeleteRecordDialog
        opened={deleting}
        onClose={del.close}
        record={s}
        noun="segment"
        message="The segment and its history of who entered and left are deleted. Lists filtered by it show everyone again."
        remove={remove}
        onDeleted={() => void navigate({ to: "/segments", search: {} })}
      />
    </>
  );
}

/** One segment: its page, or its builder while it is edited (`?edit=true`, for those who may). */
export function SegmentPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  return (
    <RecordPage
      query={useQuery(segmentQuery(id))}
      list="/segments"
      listLabel="Segments"
      loadErrorTitle="This segment could not be loaded"
      edit={Boolean(search.edit) && session.canWrite}
      leave={() => void navigate({ search: {}, replace: true })}
      editor={(segment, leave) => (
        <SegmentBuilder
          segment={segment}
          canWrite
          onSaved={(s) => {
            notifications.show({
              message: `“${s.name}” saved: ${formatNumber(s.memberCount)} ${recordsWord(s.entity, s.memberCount)}`,
            });
            leave();
          }}
          onCancel={leave}
        />
      )}
      view={(segment) => <SegmentView segment={segment} />}
    />
  );
}
