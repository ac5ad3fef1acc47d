import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { formatMoney } from "../../../common/money.ts";
import type { RevenueMetrics } from "../../../contract/index.ts";
import { categoryAxis, compactMoney, primaryColor, topLegend, valueAxis } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";
import { monthLabel, movementSeries, netMovementMinor } from "./revenueView.ts";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

// Gains in greens and blue, losses in oranges and red: the sign reads from the colour too.
const COLORS: Record<string, string> = {
  New: "#2f9e44",
  Expansion: "#69db7c",
  Reactivation: "#4dabf7",
  Contraction: "#ffa94d",
  Churn: "#e03131",
};

/**
 * Each month's MRR movements as stacked bars — new, expansion and reactivation above zero,
 * contraction and churn below — and the month-end MRR as a line on its own axis, the right one (it is
 * far larger than a month's movements). Every amount of the month on hover. Loaded only where it is shown.
 */
export default function MovementsChart({
  byMonth,
  currency,
  height = 300,
}: {
  byMonth: RevenueMetrics["byMonth"];
  currency: string;
  height?: number;
}) {
  const s = movementSeries(byMonth, currency);
  const bars = [...s.gains.map((b) => ({ ...b, sign: "+" })), ...s.losses.map((b) => ({ ...b, sign: "−" }))];
  const money = (minor: number) => formatMoney(minor, currency);
  const compact = compactMoney(currency);
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: topLegend([...bars.map((b) => b.name), "End MRR"]),
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: { dataIndex: number }[]) => {
        const m = byMonth[params[0]?.dataIndex ?? 0];
        if (!m) return "";
        const lines = bars.map((b) => `${b.name} <b>${b.sign}${money(m[b.key])}</b>`);
        const net = netMovementMinor(m);
        return [
          `<b>${monthLabel(m.month)}</b>`,
          `Start MRR ${money(m.startMrrMinor)}`,
          ...lines,
          `Net change <b>${net < 0 ? "−" : "+"}${money(Math.abs(net))}</b>`,
          `End MRR <b>${money(m.endMrrMinor)}</b>`,
        ].join("<br/>");
      },
    },
    xAxis: categoryAxis(s.months.map(monthLabel)),
    yAxis: [valueAxis(compact), valueAxis(compact, { splitLine: { show: false } })],
    series: [
      ...bars.map((b) => ({
        name: b.name,
        type: "bar",
        // One stack: ECharts stacks positive and negative values apart, so losses hang below zero.
        stack: "movements",
        data: b.data,
        itemStyle: { color: COLORS[b.name] },
        barMaxWidth: 28,
      })),
      {
        name: "End MRR",
        type: "line",
        yAxisIndex: 1,
        data: s.end,
        symbolSize: 5,
        lineStyle: { width: 2, color: primaryColor() },
        itemStyle: { color: primaryColor() },
      },
    ],
  };
  return <EChart option={option} height={height} label="MRR movements by month" />;
}
