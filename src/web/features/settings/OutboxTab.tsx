import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { IconCheck, IconCopy, IconInfoCircle } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type MAIL_STATUSES, type MailMessage, routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";

type Status = (typeof MAIL_STATUSES)[number];

const STATUS: Record<Status, { label: string; color: string }> = {
  queued: { label: "Queued", color: "blue" },
  sending: { label: "Sending", color: "blue" },
  held: { label: "Held", color: "yellow" },
  sent: { label: "Sent", color: "green" },
  failed: { label: "Failed", color: "red" },
};

const PURPOSES: Record<string, string> = {
  survey: "Survey invitation",
  // Overdue inbox items sent up to the owner's manager (or the admins).
  task_escalation: "Escalation",
};

const col = columnHelper<MailMessage>();
const columns: AnyColumns<MailMessage> = [
  col.accessor("status", {
    header: "Status",
    cell: (i) => (
      <Badge size="sm" variant="light" color={STATUS[i.row.original.status].color}>
        {STATUS[i.row.original.status].label}
      </Badge>
    ),
  }),
  col.accessor("toAddress", {
    header: "To",
    cell: (i) => (
      <div>
        <Text size="sm">{i.row.original.toName ?? i.getValue()}</Text>
        {i.row.original.toName ? (
          <Text size="xs" c="dimmed">
            {i.getValue()}
          </Text>
        ) : null}
      </div>
    ),
  }),
  col.accessor("subject", {
    header: "Subject",
    meta: { wrap: true },
    cell: (i) => (
      <div>
        <Text size="sm" lineClamp={1}>
          {i.getValue()}
        </Text>
        <Text size="xs" c="dimmed">
          {PURPOSES[i.row.original.purpose] ?? i.row.original.purpose}
        </Text>
      </div>
    ),
  }),
  col.accessor("createdAt", { header: "Created", cell: (i) => formatDateTime(i.getValue()) }),
  col.accessor("sentAt", { header: "Sent", cell: (i) => formatDateTime(i.getValue()) }),
];

const FILTERS = [
  { value: "all", label: "All" },
  { value: "held", label: "Held" },
  { value: "sent", label: "Sent" },
  { value: "failed", label: "Failed" },
];

/**
 * The workspace's email for admins. Without an SMTP server messages are held here with their text,
 * so an admin can pass a survey link on by hand.
 */
export function OutboxTab() {
  const [status, setStatus] = useState("all");
  const paging = usePaging();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again at the first page
  useEffect(() => paging.restart(), [status]);
  const list = useQuery({
    ...apiQuery(routes.listMail, {
      query: {
        limit: paging.limit,
        cursor: paging.cursor,
        status: status === "all" ? undefined : [status as Status],
      },
    }),
    placeholderData: keepPreviousData,
  });
  const opened = useEditTarget<MailMessage>();

  return (
    <Stack gap="md">
      <Alert variant="light" icon={<IconInfoCircle size={18} />}>
        Email Steward sends, such as survey invitations, newest first. When no SMTP server is configured,
        messages are <strong>held</strong> here: open one to read its text and copy a link by hand. Setting{" "}
        <Code>STEWARD_SMTP_URL</Code> (e.g. <Code>smtp://user:password@mail.example.com:587</Code>) and
        restarting Steward sends messages from then on; the ones held before stay here.
      </Alert>
      <ListTable
        toolbar={
          <SegmentedControl
            aria-label="Status"
            size="xs"
            data={FILTERS}
            value={status}
            onChange={setStatus}
          />
        }
        query={list}
        errorTitle="The outbox could not be loaded"
        label="Outbox"
        columns={columns}
        data={list.data?.data}
        loading={list.isLoading}
        fetching={list.isPlaceholderData}
        rowKey={(m) => m.id}
        onRowClick={(m) => opened.open(m)}
        minWidth={900}
        empty={
          <Text ta="center" size="sm" c="dimmed">
            {status === "all"
              ? "No email yet. Survey invitations appear here once sent."
              : "No messages with this status."}
          </Text>
        }
        pager={pagerFor(list.data, paging)}
      />
      <MessageModal message={opened.target} opened={opened.opened} onClose={opened.close} />
    </Stack>
  );
}

function MessageModal({
  message,
  opened,
  onClose,
}: {
  message: MailMessage | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  // The list leaves bodies out; the message itself carries the text of a held one.
  const full = useQuery({
    ...apiQuery(routes.getMail, { params: { messageId: message?.id ?? "" } }),
    enabled: opened && Boolean(message),
  });
  const m = full.data;
  return (
    <Modal opened={opened} onClose={onClose} title={message?.subject ?? "Message"} size="lg">
      {full.isError ? (
        <ErrorAlert
          error={full.error}
          title="The message could not be loaded"
          onRetry={() => full.refetch()}
        />
      ) : !m ? (
        <Skeleton h={160} />
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge variant="light" color={STATUS[m.status].color}>
              {STATUS[m.status].label}
            </Badge>
            <Text size="sm">To {m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            Created {formatDateTime(m.createdAt)}
            {m.sentAt ? ` · sent ${formatDateTime(m.sentAt)}` : ""}
            {m.attempts > 0 ? ` · ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}` : ""}
          </Text>
          {m.error ? (
            <Alert color="red" variant="light" p="xs">
              {m.error}
            </Alert>
          ) : null}
          {m.textBody ? (
            <>
              <Code
                block
                style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
                data-testid="mail-body"
              >
                {m.textBody}
              </Code>
              <Group justify="flex-end">
                <CopyButton value={m.textBody}>
                  {({ copied, copy }) => (
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      onClick={copy}
                    >
                      {copied ? "Copied" : "Copy text"}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="xs" c="dimmed">
                The link in this message is personal to its recipient: pass it only to them.
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {m.status === "held"
                ? "This message has no text."
                : "Steward keeps no text of a message once it is handed to the mail server: its link is personal to the recipient."}
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
