import { Alert, Badge, Button, Group, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertCircle, IconSend } from "@tabler/icons-react";
import type { SurveyPreview } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { skipReason } from "./labels.ts";

const SHOWN = 200;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Who will be asked and who is left out with the reason, before anything is sent. */
export function PreviewStep({
  preview,
  send,
  onBack,
  onSend,
}: {
  preview: SurveyPreview;
  send: { isPending: boolean; error: unknown };
  onBack: () => void;
  onSend: () => void;
}) {
  const { recipients, skipped, recontactDays } = preview;
  return (
    <Stack gap="md" data-testid="survey-preview">
      <Text size="sm">
        <strong>{plural(recipients.length, "key player")}</strong> will be asked
        {skipped.length > 0 ? (
          <>
            ; <strong>{plural(skipped.length, "is", "are")}</strong> left out
          </>
        ) : null}
        . Nothing has been sent yet.
      </Text>

      <Stack gap={4}>
        <Title order={5}>Will be asked</Title>
        {recipients.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one: choose other key players, or lower the recontact days.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={260}>
            <Table striped aria-label="Will be asked" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Key player</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Email</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recipients.slice(0, SHOWN).map((r) => (
                  <Table.Tr key={r.contactId}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.accountName}</Table.Td>
                    <Table.Td>{r.email}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {recipients.length > SHOWN ? (
              <Text size="xs" c="dimmed" mt={4}>
                and {plural(recipients.length - SHOWN, "more")}
              </Text>
            ) : null}
          </ScrollArea.Autosize>
        )}
      </Stack>

      {skipped.length > 0 ? (
        <Stack gap={4}>
          <Title order={5}>Left out</Title>
          <ScrollArea.Autosize mah={220}>
            <Table aria-label="Left out" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Key player</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {skipped.slice(0, SHOWN).map((s) => (
                  <Table.Tr key={s.contactId}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{s.accountName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" size="sm" tt="none">
                        {skipReason(s, recontactDays)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {skipped.length > SHOWN ? (
              <Text size="xs" c="dimmed" mt={4}>
                and {plural(skipped.length - SHOWN, "more")}
              </Text>
            ) : null}
          </ScrollArea.Autosize>
        </Stack>
      ) : null}

      {send.error ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} p="xs" role="alert">
          {errorMessage(send.error)}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button
          leftSection={<IconSend size={16} />}
          onClick={onSend}
          loading={send.isPending}
          disabled={recipients.length === 0}
        >
          {recipients.length === 0 ? "No one to ask" : `Send to ${plural(recipients.length, "key player")}`}
        </Button>
      </Group>
    </Stack>
  );
}
