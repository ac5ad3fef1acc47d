import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { RevenueMetrics } from "../../../contract/index.ts";
import { formatRate } from "../../lib/format.ts";
import { categoryAxis, primaryColor, topLegend, valueAxis } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";
import { monthLabel } from "./revenueView.ts";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * Each month's NRR and GRR (left axis, around 100%) and logo churn (right axis, a few percent: on
 * one axis it would lie flat at the bottom). A month without customers at its start has no rates
 * and leaves a gap. Loaded only where it is shown.
 */
export default function RetentionTrendChart({
  byMonth,
  height = 300,
}: {
  byMonth: RevenueMetrics["byMonth"];
  height?: number;
}) {
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: topLegend(["NRR", "GRR", "Logo churn"]),
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const m = byMonth[params[0]?.dataIndex ?? 0];
        return m
          ? `<b>${monthLabel(m.month)}</b><br/>NRR <b>${formatRate(m.nrr)}</b><br/>GRR <b>${formatRate(m.grr)}</b><br/>Logo churn <b>${formatRate(m.logoChurn)}</b>`
          : "";
      },
    },
    xAxis: categoryAxis(byMonth.map((m) => monthLabel(m.month))),
    yAxis: [
      valueAxis("{value}%", { scale: true }),
      valueAxis("{value}%", { min: 0, splitLine: { show: false } }),
    ],
    series: [
      {
        name: "NRR",
        type: "line",
        data: byMonth.map((m) => percent(m.nrr)),
        lineStyle: { width: 2, color: primaryColor() },
        itemStyle: { color: primaryColor() },
      },
      {
        name: "GRR",
        type: "line",
        data: byMonth.map((m) => percent(m.grr)),
        lineStyle: { width: 2, color: "#4263eb" },
        itemStyle: { color: "#4263eb" },
      },
      {
        name: "Logo churn",
        type: "line",
        yAxisIndex: 1,
        data: byMonth.map((m) => percent(m.logoChurn)),
        lineStyle: { width: 2, type: "dashed", color: "#e03131" },
        itemStyle: { color: "#e03131" },
      },
    ],
  };
  return <EChart option={option} height={height} label="NRR, GRR and logo churn by month" />;
}
