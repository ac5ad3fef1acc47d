import { EmptyState, Skeleton, Stack, Tabs } from "@mantine/core";
import { IconShieldExclamation, IconTrendingDown, IconTrendingUp } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type ChurnKind, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { Predictions } from "./Predictions.tsx";
import { KIND_TEXT } from "./riskText.ts";
import { type Retrain, RetrainButton, RetrainStatus, useRetrain } from "./useRetrain.tsx";

const route = getRouteApi("/_app/risk");

/** No model of the kind yet: what the page will show, and the first training for those who may write. */
function Untrained({ kind, retrain, canWrite }: { kind: ChurnKind; retrain: Retrain; canWrite: boolean }) {
  const t = KIND_TEXT[kind];
  return (
    <Stack gap="md">
      <EmptyState
        icon={<IconShieldExclamation size={26} />}
        withIndicatorBackground
        title={`No ${t.noun} model trained yet`}
        description={
          canWrite
            ? `Steward learns from your customers' history which accounts are likely to ${kind === "churn" ? "churn" : "expand"}, and why. Training takes a few seconds.`
            : `Nobody has trained a ${t.noun} model yet. Ask a member of your team with write access to train one.`
        }
        data-testid="risk-empty"
      >
        {canWrite ? (
          <EmptyState.Actions>
            <RetrainButton retrain={retrain} first />
          </EmptyState.Actions>
        ) : null}
      </EmptyState>
      <RetrainStatus retrain={retrain} kind={kind} />
    </Stack>
  );
}

/**
 * The Risk page: customers by churn (or expansion) probability with the drivers behind it, ARR and
 * ARR at risk, and the model's held-out evaluation; a tab per kind, kept in the URL.
 */
export function RiskPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const kind: ChurnKind = search.kind ?? "churn";
  const retrain = useRetrain(kind);
  const model = useQuery(apiQuery(routes.getChurnModel, { query: { kind } }));
  const trained = model.data?.model ?? null;

  return (
    <>
      <PageHeader
        title="Risk"
        description="Which customers are likely to churn or expand, why, and how much ARR is at stake"
      />
      <Tabs
        value={kind}
        onChange={(v) =>
          navigate({
            search: (prev) => ({
              ...prev,
              kind: v === "expansion" ? "expansion" : undefined,
              cursor: undefined,
            }),
            replace: true,
          })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="churn" leftSection={<IconTrendingDown size={16} />}>
            Churn risk
          </Tabs.Tab>
          <Tabs.Tab value="expansion" leftSection={<IconTrendingUp size={16} />}>
            Expansion
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {model.isError ? (
        <ErrorAlert
          error={model.error}
          title="The model could not be loaded"
          onRetry={() => model.refetch()}
        />
      ) : model.isLoading ? (
        <Skeleton h={260} radius="md" />
      ) : trained ? (
        <Predictions kind={kind} model={trained} retrain={retrain} canWrite={session.canWrite} />
      ) : (
        <Untrained kind={kind} retrain={retrain} canWrite={session.canWrite} />
      )}
    </>
  );
}
