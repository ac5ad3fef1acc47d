import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconEye } from "@tabler/icons-react";
import { useState } from "react";
import { PLAN_LINK_DEFAULT_DAYS, type Plan, type PlanLink } from "../../../contract/index.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { apiFormErrors } from "../../lib/issues.ts";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, useOnOpen } from "../../ui/form.ts";
import { SecretOnce } from "../../ui/SecretOnce.tsx";
import { useAccountContacts } from "../accounts/KeyPlayers.tsx";
import { EXPIRY_CHOICES, LINK_STATE_COLORS, LINK_STATE_LABELS } from "./labels.ts";
import { sharedCount } from "./plan.rules.ts";
import { usePlanMutations } from "./use-plan-mutations.ts";

const VIEW_ONLY = "view-only";
const LINK_LABELS: FieldLabels = { contactId: "Who it is for", expiresInDays: "Expiry" };

/** The key players a link can be made for, each with how many of their outcomes the plan serves. */
function useKeyPlayerChoices(plan: Plan) {
  const contacts = useAccountContacts(plan.accountId);
  const served = new Map<string, Set<string>>();
  for (const o of plan.items.flatMap((i) => i.outcomes)) {
    served.set(o.contactId, (served.get(o.contactId) ?? new Set()).add(o.id));
  }
  const players = (contacts.data?.data ?? []).filter((c) => c.isKeyPlayer && !c.leftCompany);
  return [
    { value: VIEW_ONLY, label: "Anyone with the link — view only" },
    ...players.map((c) => {
      const n = served.get(c.id)?.size ?? 0;
      return {
        value: c.id,
        label: `${c.name} — may confirm ${n === 0 ? "their outcomes (none on this plan yet)" : `${n} outcome${n === 1 ? "" : "s"}`}`,
      };
    }),
  ];
}

function LinksTable({ links, onRevoke }: { links: PlanLink[]; onRevoke: ((l: PlanLink) => void) | null }) {
  if (links.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No links yet. A link opens a read-only page with this plan and nothing else.
      </Text>
    );
  }
  return (
    <Table aria-label="Share links" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>For</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>State</Table.Th>
          {onRevoke ? <Table.Th /> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {links.map((l) => (
          <Table.Tr key={l.id}>
            <Table.Td>
              <Text size="sm">{l.contact ? l.contact.name : "View only"}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{formatDateTime(l.createdAt)}</Text>
              <Text size="xs" c="dimmed">
                by {l.createdBy?.name ?? "Steward"}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">
                {l.revokedAt
                  ? `revoked ${formatDate(l.revokedAt.slice(0, 10))}`
                  : l.expiresAt
                    ? formatDate(l.expiresAt.slice(0, 10))
                    : "Never"}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={LINK_STATE_COLORS[l.state]}>
                {LINK_STATE_LABELS[l.state]}
              </Badge>
            </Table.Td>
            {onRevoke ? (
              <Table.Td>
                {l.state === "active" ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(l)}
                    aria-label={`Revoke the link for ${l.contact?.name ?? "view only"}`}
                  >
                    Revoke
                  </Button>
                ) : null}
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Sharing a plan: who a new link is for and how long it works; its address, shown once; the
 * plan's links with their state, and revoking one (asked first).
 */
export function ShareDialog({
  plan,
  opened,
  onClose,
  canWrite,
}: {
  plan: Plan;
  opened: boolean;
  onClose: () => void;
  canWrite: boolean;
}) {
  const { createLink, revokeLink } = usePlanMutations();
  const choices = useKeyPlayerChoices(plan);
  const [forWhom, setForWhom] = useState<string>(VIEW_ONLY);
  const [expiry, setExpiry] = useState<string>(String(PLAN_LINK_DEFAULT_DAYS));
  const [created, setCreated] = useState<{ url: string; link: PlanLink } | null>(null);
  const [revoking, setRevoking] = useState<PlanLink | null>(null);
  const { shown, total } = sharedCount(plan.items);
  const linkErrors = apiFormErrors(createLink.error, LINK_LABELS);

  useOnOpen(opened, () => {
    setForWhom(VIEW_ONLY);
    setExpiry(String(PLAN_LINK_DEFAULT_DAYS));
    setCreated(null);
    setRevoking(null);
    createLink.reset();
    revokeLink.reset();
  });

  const create = () =>
    createLink.mutate(
      {
        plan,
        body: {
          contactId: forWhom === VIEW_ONLY ? undefined : forWhom,
          expiresInDays: expiry === "never" ? null : Number(expiry),
        },
      },
      { onSuccess: (r) => setCreated(r) },
    );

  const title = created ? "Share link created" : revoking ? "Revoke this link?" : `Share “${plan.title}”`;
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" closeOnClickOutside={!created}>
      {created ? (
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            Copy the address now and send it to{" "}
            {created.link.contact ? created.link.contact.name : "the people who should see the plan"}. This is
            the only time Steward shows it: only a fingerprint of it is kept. If it gets lost, revoke the link
            and create a new one.
          </Alert>
          <SecretOnce value={created.url} testId="plan-link-url" copyLabel="Copy address" />
          <Text size="sm" c="dimmed">
            {created.link.contact
              ? `${created.link.contact.name} can confirm their outcomes on the page, or say “not yet” with a comment.`
              : "Anyone with it can view the plan; no one can confirm outcomes through it."}{" "}
            {created.link.expiresAt
              ? `It works until ${formatDate(created.link.expiresAt.slice(0, 10))}.`
              : "It works until revoked."}
          </Text>
          <Group justify="flex-end">
            <Button onClick={() => setCreated(null)}>I have copied the address</Button>
          </Group>
        </Stack>
      ) : revoking ? (
        <Stack gap="md">
          <Text size="sm">
            The link {revoking.contact ? `for ${revoking.contact.name}` : "(view only)"} stops working at
            once: whoever opens it is told it no longer works. This cannot be undone; you can create a new
            link.
          </Text>
          <FormError error={revokeLink.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revokeLink.isPending}
              onClick={() =>
                revokeLink.mutate({ plan, link: revoking }, { onSuccess: () => setRevoking(null) })
              }
            >
              Revoke link
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Alert
            color={shown === 0 ? "orange" : "blue"}
            variant="light"
            icon={<IconEye size={18} />}
            data-testid="shared-count"
          >
            {shown} of {total} item{total === 1 ? " is" : "s are"} on the customer's page.{" "}
            {shown === 0
              ? "The page shows only items marked “Show on the customer's page”: edit the objectives and milestones to share them."
              : "Internal notes are never shown."}
          </Alert>
          {canWrite ? (
            <Stack gap="xs">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <Select
                  label="Who is it for"
                  description="A key player's link lets them confirm their own outcomes"
                  allowDeselect={false}
                  data={choices}
                  value={forWhom}
                  onChange={(v) => setForWhom(v ?? VIEW_ONLY)}
                  error={linkErrors.contactId}
                  style={{ flex: 1, minWidth: 280 }}
                />
                <Select
                  label="Expires after"
                  allowDeselect={false}
                  data={EXPIRY_CHOICES}
                  value={expiry}
                  onChange={(v) => setExpiry(v ?? String(PLAN_LINK_DEFAULT_DAYS))}
                  error={linkErrors.expiresInDays}
                  w={200}
                />
                <Button onClick={create} loading={createLink.isPending}>
                  Create link
                </Button>
              </Group>
              <FormError error={createLink.error} errors={linkErrors} />
            </Stack>
          ) : null}
          <LinksTable
            links={plan.links}
            onRevoke={
              canWrite
                ? (l) => {
                    revokeLink.reset();
                    setRevoking(l);
                  }
                : null
            }
          />
        </Stack>
      )}
    </Modal>
  );
}
