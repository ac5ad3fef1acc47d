import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { formatMoney } from "../../../common/money.ts";
import type { ForecastBacktest } from "../../../contract/index.ts";
import { formatChange, formatDate, toMajor } from "../../lib/format.ts";
import { categoryAxis, compactMoney, primaryColor, topLegend, valueAxis } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const RENEWED = "#4263eb";
const ERROR = "#e8590c";

/**
 * Per quarter, the ARR the forecast expected at the quarter's start beside the ARR that renewed
 * (left axis), and the error between them (right axis, a gap where nothing renewed). Every figure
 * of the quarter on hover. Loaded only where it is shown.
 */
export default function BacktestChart({
  quarters,
  currency,
  height = 300,
}: {
  quarters: ForecastBacktest["quarters"];
  currency: string;
  height?: number;
}) {
  const major = (minor: number) => toMajor(minor, currency);
  const money = (minor: number) => formatMoney(minor, currency);
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: topLegend(["Expected ARR", "Renewed ARR", "Error"]),
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: { dataIndex: number }[]) => {
        const q = quarters[params[0]?.dataIndex ?? 0];
        if (!q) return "";
        return [
          `<b>${q.quarter}</b>, forecast as of ${formatDate(q.asOf)}`,
          `Renewals ${q.renewals} (${q.scored} with a churn score)`,
          `Up for renewal ${money(q.arrMinor)}`,
          `Expected <b>${money(q.expectedArrMinor)}</b>`,
          `Renewed <b>${money(q.renewedArrMinor)}</b>`,
          `Error <b>${q.error === null ? "—" : formatChange(q.error)}</b>`,
          q.calibration === "platt"
            ? "Calibrated on the renewals before it"
            : "Uncalibrated: too few renewals before it",
        ].join("<br/>");
      },
    },
    xAxis: categoryAxis(quarters.map((q) => q.quarter)),
    yAxis: [
      valueAxis(compactMoney(currency)),
      valueAxis((v: number) => `${Math.round(v * 100)}%`, { splitLine: { show: false } }),
    ],
    series: [
      {
        name: "Expected ARR",
        type: "bar",
        data: quarters.map((q) => major(q.expectedArrMinor)),
        itemStyle: { color: primaryColor() },
        barMaxWidth: 24,
      },
      {
        name: "Renewed ARR",
        type: "bar",
        data: quarters.map((q) => major(q.renewedArrMinor)),
        itemStyle: { color: RENEWED },
        barMaxWidth: 24,
      },
      {
        name: "Error",
        type: "line",
        yAxisIndex: 1,
        data: quarters.map((q) => q.error),
        symbolSize: 5,
        lineStyle: { width: 2, type: "dashed", color: ERROR },
        itemStyle: { color: ERROR },
      },
    ],
  };
  return <EChart option={option} height={height} label="Expected against renewed ARR by quarter" />;
}
