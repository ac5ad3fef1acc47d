import { Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { routes, type TaskReason } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { PlaybookStepLink } from "../playbooks/PlaybookStepLink.tsx";
import { REASON_KIND_LABELS } from "./labels.ts";
import { reasonFacts } from "./task.rules.ts";

/** A contact of a reason by name, linked to their page; a contact deleted since reads as such. */
function ContactLink({ id }: { id: string }) {
  const contact = useQuery({ ...apiQuery(routes.getContact, { params: { id } }), retry: false });
  if (contact.isError) {
    return (
      <Text span size="sm" c="dimmed">
        a contact no longer here
      </Text>
    );
  }
  return (
    <AnchorLink to="/contacts/$id" params={{ id }} size="sm">
      {contact.data?.name ?? "Contact"}
    </AnchorLink>
  );
}

/** Why an item exists: where it came from, in words, and the figures and people it was raised on. */
export function ReasonDetails({ reason }: { reason: TaskReason }) {
  const facts = reasonFacts(reason);
  return (
    <Stack gap={6} data-testid="task-reason-details">
      <Text size="sm">{reason.text}</Text>
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={130} fw={500} c="dimmed">
              Source
            </Table.Th>
            <Table.Td>{REASON_KIND_LABELS[reason.kind]}</Table.Td>
          </Table.Tr>
          {facts.map((f) => (
            <Table.Tr key={f.key}>
              <Table.Th w={130} fw={500} c="dimmed">
                {f.label}
              </Table.Th>
              <Table.Td>
                {f.step ? (
                  <PlaybookStepLink step={f.step} size="sm" />
                ) : f.contactIds ? (
                  <Group gap={8}>
                    {f.contactIds.map((id) => (
                      <ContactLink key={id} id={id} />
                    ))}
                  </Group>
                ) : (
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {f.text}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
