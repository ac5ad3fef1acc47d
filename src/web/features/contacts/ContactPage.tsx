import { Breadcrumbs, DataList, Grid, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { DECISION_ROLE_LABELS, humanize, label, SENIORITY_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { formatCustomValue } from "../../ui/CustomFieldInputs.tsx";
import { InfluenceDots } from "../../ui/InfluenceDots.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordLoadError } from "../../ui/RecordLoadError.tsx";
import { Section } from "../../ui/Section.tsx";
import { ContactOutcomes } from "../success/ContactOutcomes.tsx";
import { ContactAnswers } from "../surveys/ContactAnswers.tsx";
import { ContactBadges } from "./ContactBadges.tsx";
import { ContactFormModal } from "./ContactFormModal.tsx";
import { useDeleteContact } from "./use-contact-mutations.ts";

const route = getRouteApi("/_app/contacts/$id");

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
const dash = (v: string | null | undefined) =>
  v ? (
    v
  ) : (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );

export function ContactPage() {
  const { id } = route.useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const contact = useQuery(apiQuery(routes.getContact, { params: { id } }));
  const defs = useQuery(apiQuery(routes.listCustomFields, { query: { entity: "contact" } }));

  const remove = useDeleteContact(id, contact.data?.accountId);
  const onDeleted = async () => {
    const c = contact.data;
    notifications.show({ message: `${c?.name ?? "Contact"} deleted` });
    if (c) await navigate({ to: "/accounts/$id", params: { id: c.accountId } });
    else await navigate({ to: "/contacts" });
  };

  if (contact.isError) {
    return (
      <RecordLoadError
        list="/contacts"
        listLabel="Contacts"
        error={contact.error}
        title="This contact could not be loaded"
        onRetry={() => contact.refetch()}
      />
    );
  }
  if (!contact.data) {
    return (
      <Stack>
        <Skeleton h={40} w={300} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  const c = contact.data;
  const labelOf = new Map((defs.data?.data ?? []).map((d) => [d.key, d.label]));
  const custom = Object.entries(c.customFields);

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/contacts" size="sm" c="dimmed">
              Contacts
            </AnchorLink>
            <AnchorLink to="/accounts/$id" params={{ id: c.accountId }} size="sm" c="dimmed">
              {c.accountName}
            </AnchorLink>
          </Breadcrumbs>
        }
        title={c.name}
        badges={<ContactBadges contact={c} />}
        description={
          <>
            {c.title ? `${c.title} at ` : "At "}
            <AnchorLink to="/accounts/$id" params={{ id: c.accountId }} size="sm">
              {c.accountName}
            </AnchorLink>
          </>
        }
        actions={
          session.canWrite ? (
            <RecordActions
              onEdit={edit.open}
              onDelete={() => {
                remove.reset();
                del.open();
              }}
              deleteLabel="Delete contact"
            />
          ) : null
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="Key-player attributes">
            <DataList size="sm" labelWidth={150} gap={8}>
              <Item label="Key player">
                {c.isKeyPlayer ? "Yes" : "No — set a decision role to make them one"}
              </Item>
              <Item label="Role in the decision">
                {c.decisionRole ? label(DECISION_ROLE_LABELS, c.decisionRole) : dash(null)}
              </Item>
              <Item label="Influence">
                <InfluenceDots value={c.influence} />
              </Item>
              <Item label="Seniority">{c.seniority ? label(SENIORITY_LABELS, c.seniority) : dash(null)}</Item>
              <Item label="Status">{humanize(c.status)}</Item>
              <Item label="Left the company">{c.leftCompany ? "Yes" : "No"}</Item>
            </DataList>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <Section title="Contact details">
              <DataList size="sm" labelWidth={150} gap={8}>
                <Item label="Email">
                  {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : dash(null)}
                </Item>
                <Item label="Phone">{dash(c.phone)}</Item>
                <Item label="Job title">{dash(c.title)}</Item>
                <Item label="Account">
                  <AnchorLink to="/accounts/$id" params={{ id: c.accountId }} size="sm">
                    {c.accountName}
                  </AnchorLink>
                </Item>
                <Item label="External id">{dash(c.externalId)}</Item>
                <Item label="Created">{formatDateTime(c.createdAt)}</Item>
                <Item label="Updated">{formatDateTime(c.updatedAt)}</Item>
              </DataList>
            </Section>
            {custom.length > 0 ? (
              <Paper withBorder radius="md" p="md">
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
                  Custom fields
                </Text>
                <DataList size="sm" labelWidth={150} gap={8}>
                  {custom.map(([k, v]) => (
                    <Item key={k} label={labelOf.get(k) ?? humanize(k)}>
                      {formatCustomValue(v)}
                    </Item>
                  ))}
                </DataList>
              </Paper>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <ContactOutcomes contact={c} canWrite={session.canWrite} />
        </Grid.Col>
        <Grid.Col span={12}>
          <ContactAnswers contact={c} />
        </Grid.Col>
      </Grid>
      <Group mt="md">
        <Text size="sm" c="dimmed">
          Notes and meetings with {c.firstName ?? c.name} are on the{" "}
          <AnchorLink to="/accounts/$id" params={{ id: c.accountId }} size="sm">
            {c.accountName} timeline
          </AnchorLink>
          .
        </Text>
      </Group>
      <ContactFormModal opened={editing} onClose={edit.close} contact={c} />
      <ConfirmDialog
        opened={deleting}
        onClose={del.close}
        title={`Delete ${c.name}?`}
        message="The contact is removed from the account. This cannot be undone."
        confirmLabel="Delete contact"
        onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
        loading={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
