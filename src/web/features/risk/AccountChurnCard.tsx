import { Group, Progress, Skeleton, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type AccountPrediction, type ChurnKind, routes } from "../../../contract/index.ts";
import { formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { DriverList } from "./DriverList.tsx";
import { KIND_TEXT } from "./riskText.ts";

function Prediction({ kind, p }: { kind: ChurnKind; p: AccountPrediction | null }) {
  const t = KIND_TEXT[kind];
  return (
    <Stack gap={4} data-testid={`account-${kind}`}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {t.title} probability
        </Text>
        <Text size="sm" fw={600} className="steward-num">
          {p ? formatPercent(p.probability) : "—"}
        </Text>
      </Group>
      {p ? (
        <>
          <Progress
            value={p.probability * 100}
            size="xs"
            color={t.upIsBad && p.probability >= 0.5 ? "red" : "teal"}
            aria-hidden
          />
          <DriverList drivers={p.drivers} kind={kind} />
        </>
      ) : (
        <Text size="xs" c="dimmed">
          Not scored: no {t.noun} model yet, or not a current customer.
        </Text>
      )}
    </Stack>
  );
}

/** The account's churn and expansion probabilities with their top drivers; links to the Risk page. */
export function AccountChurnCard({ accountId }: { accountId: string }) {
  const q = useQuery(apiQuery(routes.getAccountChurn, { params: { accountId } }));
  return (
    <Section
      title="Churn and expansion"
      actions={
        <AnchorLink to="/risk" size="xs">
          Risk page
        </AnchorLink>
      }
    >
      {q.isError ? (
        <ErrorAlert error={q.error} title="Predictions could not be loaded" onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Skeleton h={96} />
      ) : (
        <Stack gap="md">
          <Prediction kind="churn" p={q.data.churn} />
          <Prediction kind="expansion" p={q.data.expansion} />
        </Stack>
      )}
    </Section>
  );
}
