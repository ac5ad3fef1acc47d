import { SimpleGrid } from "@mantine/core";
import type { ChurnKind, ChurnModelInfo, ChurnTotal } from "../../../contract/index.ts";
import { formatMoney, formatNumber } from "../../lib/format.ts";
import { StatCard } from "../../ui/StatCard.tsx";
import { KIND_TEXT } from "./riskText.ts";

/** A total in the largest currency, the other currencies under it: a sum across currencies means nothing. */
function MoneyTotal({
  totals,
  pick,
  label,
  hint,
  testId,
}: {
  totals: ChurnTotal[] | undefined;
  pick: (t: ChurnTotal) => number;
  label: string;
  hint?: string;
  testId?: string;
}) {
  const [first, ...rest] = totals ?? [];
  const others = rest.map((t) => formatMoney(pick(t), t.currency)).join(" · ");
  return (
    <StatCard
      label={label}
      value={totals ? (first ? formatMoney(pick(first), first.currency) : "—") : "…"}
      hint={others ? `+ ${others}` : hint}
      testId={testId}
    />
  );
}

/** Customers scored, ARR, ARR at risk (over everything the filters match) and the model's AUC. */
export function RiskTotals({
  kind,
  totals,
  model,
  filtered,
}: {
  kind: ChurnKind;
  totals: ChurnTotal[] | undefined;
  model: ChurnModelInfo;
  filtered: boolean;
}) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      <StatCard
        label="Customers scored"
        value={totals ? formatNumber(totals.reduce((s, x) => s + x.accounts, 0)) : "…"}
        hint={filtered ? "matching the filters" : "with a live subscription"}
      />
      <MoneyTotal label="ARR" totals={totals} pick={(x) => x.arrMinor} />
      <MoneyTotal
        label={KIND_TEXT[kind].weighted}
        totals={totals}
        pick={(x) => x.arrAtRiskMinor}
        hint="probability × ARR, summed"
        testId="risk-total-at-risk"
      />
      <StatCard
        label="Model AUC"
        value={model.evaluation.auc.toFixed(3)}
        hint={`${model.evaluation.folds.length}-fold cross-validation`}
      />
    </SimpleGrid>
  );
}
