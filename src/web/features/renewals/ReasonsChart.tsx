import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { RenewalOutcome, RenewalOutcomes } from "../../../contract/index.ts";
import { categoryAxis, topLegend, valueAxis } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";
import { reasonSeries } from "./renewalHistory.ts";
import { OUTCOME_LABELS, reasonLabel } from "./renewalsView.ts";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

// Kept to renewed, grown to expanded, shrunk to downgraded, lost to churned: the labels say it too.
const OUTCOME_HEX: Record<RenewalOutcome, string> = {
  renewed: "#12b886",
  expanded: "#40c057",
  downgraded: "#fd7e14",
  churned: "#fa5252",
};

const reasonName = (code: string | null) => (code === null ? "No reason given" : reasonLabel(code));

/**
 * The period's renewals by reason, a bar per reason (most used on top), stacked by outcome; each
 * reason's counts on hover. Loaded only where it is shown.
 */
export default function ReasonsChart({ byReason }: { byReason: RenewalOutcomes["byReason"] }) {
  const s = reasonSeries(byReason);
  const names = s.reasons.map(reasonName);
  const option = {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    legend: topLegend(s.series.map((x) => OUTCOME_LABELS[x.outcome])),
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const lines = s.series
          .filter((x) => (x.data[i] ?? 0) > 0)
          .map((x) => `${OUTCOME_LABELS[x.outcome]} <b>${x.data[i]}</b>`);
        const total = s.series.reduce((sum, x) => sum + (x.data[i] ?? 0), 0);
        return [`<b>${names[i] ?? ""}</b>`, ...lines, `In all <b>${total}</b>`].join("<br/>");
      },
    },
    xAxis: valueAxis((v: number) => String(v), { minInterval: 1 }),
    yAxis: categoryAxis(names, { inverse: true }),
    series: s.series.map((x) => ({
      name: OUTCOME_LABELS[x.outcome],
      type: "bar",
      stack: "outcomes",
      data: x.data,
      itemStyle: { color: OUTCOME_HEX[x.outcome] },
      barMaxWidth: 22,
    })),
  };
  const height = Math.max(160, 60 + names.length * 30);
  return <EChart option={option} height={height} label="Renewals by reason and outcome" />;
}
