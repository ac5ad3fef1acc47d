import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { ChurnEvaluation } from "../../../contract/index.ts";
import { formatPercent } from "../../lib/format.ts";
import { AXIS_COLOR as axisColor, GRID_LINE_COLOR, primaryColor, topLegend } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Calibration by decile of out-of-fold probability: the rate that really happened (bars) against
 * the mean predicted probability (line); a calibrated model's bars meet its line. Numbers on hover.
 * Loaded only where it is shown.
 */
export default function CalibrationChart({
  calibration,
  outcome,
  height = 220,
}: {
  calibration: ChurnEvaluation["calibration"];
  /** "churned", "expanded" */
  outcome: string;
  height?: number;
}) {
  const primary = primaryColor();
  const predicted = "#e8590c";
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 20, containLabel: true },
    legend: topLegend([`Share that ${outcome}`, "Mean predicted"]),
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const b = calibration[params[0]?.dataIndex ?? 0];
        return b
          ? `Decile ${b.decile} (${b.accounts} accounts, predicted ${pct(b.minPredicted)}–${pct(b.maxPredicted)})<br/>` +
              `Mean predicted <b>${pct(b.meanPredicted)}</b><br/>Share that ${outcome} <b>${pct(b.observedRate)}</b>`
          : "";
      },
    },
    xAxis: {
      type: "category",
      name: "Decile of predicted probability",
      nameLocation: "middle",
      nameGap: 24,
      nameTextStyle: { color: axisColor, fontSize: 11 },
      data: calibration.map((b) => String(b.decile)),
      axisTick: { show: false },
      axisLabel: { color: axisColor, fontSize: 11 },
      axisLine: { lineStyle: { color: "#dee2e6" } },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 1,
      splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
      axisLabel: { color: axisColor, fontSize: 11, formatter: (v: number) => formatPercent(v) },
    },
    series: [
      {
        name: `Share that ${outcome}`,
        type: "bar",
        data: calibration.map((b) => b.observedRate),
        itemStyle: { color: primary, opacity: 0.75 },
        barMaxWidth: 28,
      },
      {
        name: "Mean predicted",
        type: "line",
        data: calibration.map((b) => b.meanPredicted),
        symbolSize: 6,
        lineStyle: { width: 2, color: predicted },
        itemStyle: { color: predicted },
      },
    ],
  };
  return <EChart option={option} height={height} label="Calibration by decile: predicted against observed" />;
}
