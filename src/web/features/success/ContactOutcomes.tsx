import { Button, Group, Skeleton, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type Contact, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { IndexBadge } from "./AccountSuccess.tsx";
import { OutcomeFormModal } from "./OutcomeFormModal.tsx";
import { OutcomeList } from "./OutcomeList.tsx";

/** On a contact's page: what this key player wants, their success index, and a way to add more. */
export function ContactOutcomes({ contact, canWrite }: { contact: Contact; canWrite: boolean }) {
  const success = useQuery(apiQuery(routes.getAccountSuccess, { params: { accountId: contact.accountId } }));
  const [adding, add] = useDisclosure(false);
  const me = success.data?.keyPlayers.find((p) => p.contactId === contact.id);
  const first = contact.firstName ?? contact.name;
  return (
    <Section
      title={
        <Group gap={8}>
          <span>Outcomes and personal wins</span>
          {me ? <IndexBadge index={me.index} /> : null}
        </Group>
      }
      count={me?.outcomes.length}
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            Add
          </Button>
        ) : null
      }
    >
      {success.isError ? <ErrorAlert error={success.error} title="Outcomes could not be loaded" /> : null}
      {success.isPending ? <Skeleton h={60} /> : null}
      {success.data && (me?.outcomes.length ?? 0) === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing recorded yet. What does {first} want to achieve for the business, and for themselves?
        </Text>
      ) : null}
      {me ? <OutcomeList outcomes={me.outcomes} canWrite={canWrite} /> : null}
      <OutcomeFormModal opened={adding} onClose={add.close} contactId={contact.id} />
    </Section>
  );
}
