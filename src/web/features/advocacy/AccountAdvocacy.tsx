import { Button, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconSpeakerphone } from "@tabler/icons-react";
import { routes } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { useApiPages } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { ShowMore } from "../../ui/ShowMore.tsx";
import { AskActionDialogs, AskRowActions, useAskActions } from "./AskActions.tsx";
import { AskState } from "./AskCells.tsx";
import { AskFormModal } from "./AskFormModal.tsx";
import { KIND_LABELS } from "./labels.ts";

const PAGE = 10;

/**
 * The account's asks for references, testimonials, referrals, reviews and case studies, newest
 * first, with where each stands and, for those who may write, Ask and the moves each allows.
 */
export function AccountAdvocacy({
  account,
  canWrite,
}: {
  account: { id: string; name: string };
  canWrite: boolean;
}) {
  const asks = useApiPages(routes.listAdvocacyAsks, { query: { accountId: account.id, limit: PAGE } });
  const actions = useAskActions();
  const [asking, ask] = useDisclosure(false);
  const rows = asks.rows;
  return (
    <Section
      title="Advocacy"
      count={asks.isSuccess && !asks.hasNextPage ? rows.length : undefined}
      description="Who was asked to speak for us, for what, and where it stands"
      testId="account-advocacy"
      actions={
        <>
          <AnchorLink to="/advocacy" size="xs">
            Advocacy page
          </AnchorLink>
          {canWrite ? (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={ask.open}>
              Ask
            </Button>
          ) : null}
        </>
      }
    >
      {asks.isError ? (
        <ErrorAlert error={asks.error} title="The asks could not be loaded" onRetry={() => asks.refetch()} />
      ) : null}
      {asks.isSuccess && rows.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconSpeakerphone size={18} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            Nobody here has been asked yet.{" "}
            {canWrite ? "A promoter with outcomes achieved is a good first reference: ask them." : ""}
          </Text>
        </Group>
      ) : null}
      <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Asks">
        {rows.map((a) => (
          <Group
            key={a.id}
            component="li"
            justify="space-between"
            align="flex-start"
            wrap="nowrap"
            py="xs"
            data-testid="account-ask"
            style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
          >
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {KIND_LABELS[a.kind]} · {a.contact?.name ?? "the account as a whole"}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                Asked on {formatDate(a.askedOn)}
                {a.askedBy ? ` by ${a.askedBy.name}` : ""}
                {a.detail ? ` · ${a.detail}` : ""}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <AskState ask={a} />
              {canWrite ? <AskRowActions ask={a} actions={actions} /> : null}
            </Group>
          </Group>
        ))}
      </Stack>
      <ShowMore list={asks} />
      <AskActionDialogs actions={actions} />
      <AskFormModal opened={asking} onClose={ask.close} target={{ account }} />
    </Section>
  );
}
