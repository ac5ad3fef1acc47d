import { Alert, Box, Button, Group, Loader, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconHistory, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChurnKind, routes } from "../../../contract/index.ts";
import { api, isApiError } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { formatAuc, KIND_TEXT } from "./riskText.ts";

/** Trains the kind's model now; on success every churn answer (page, list, account cards) is refreshed. */
export function useRetrain(kind: ChurnKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(routes.trainChurnModel, { body: { kind } }),
    onSuccess: async (m) => {
      await invalidate(qc, "/api/v1/churn", routes.getAccountChurn.path);
      notifications.show({
        title: `${KIND_TEXT[kind].title} model trained`,
        message: `AUC ${formatAuc(m.evaluation.auc)} on ${m.evaluation.accounts} accounts; ${m.scored} customers rescored.`,
      });
    },
  });
}

export type Retrain = ReturnType<typeof useRetrain>;

export function RetrainButton({ retrain, first = false }: { retrain: Retrain; first?: boolean }) {
  return (
    <Button
      leftSection={<IconRefresh size={16} />}
      variant={first ? "filled" : "default"}
      loading={retrain.isPending}
      onClick={() => retrain.mutate()}
    >
      {first ? "Train the model" : "Retrain"}
    </Button>
  );
}

/** What training is doing, or why it could not train (too little history gets its own advice). */
export function RetrainStatus({ retrain, kind }: { retrain: Retrain; kind: ChurnKind }) {
  if (retrain.isPending)
    return (
      <Group gap="xs" mb="md" data-testid="retrain-progress">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Training: reading every account's history, cross-validating on 5 folds, then scoring your customers.
          This takes a few seconds.
        </Text>
      </Group>
    );
  if (!retrain.isError) return null;
  const e = retrain.error;
  if (isApiError(e) && e.code === "NOT_ENOUGH_HISTORY")
    return (
      <Alert
        color="yellow"
        variant="light"
        mb="md"
        icon={<IconHistory size={18} />}
        title={`Not enough history for a ${KIND_TEXT[kind].noun} model yet`}
        data-testid="retrain-not-enough-history"
      >
        <Text size="sm">{e.message}</Text>
      </Alert>
    );
  return (
    <Box mb="md">
      <ErrorAlert error={e} title="The model could not be trained" onRetry={() => retrain.mutate()} />
    </Box>
  );
}
