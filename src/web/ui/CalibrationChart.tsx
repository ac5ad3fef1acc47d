import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { formatPercent } from "../lib/format.ts";
import { AXIS_COLOR, categoryAxis, primaryColor, topLegend, valueAxis } from "./chartStyle.ts";
import { EChart } from "./EChart.tsx";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** One bucket of a reliability table: what the model said on average, and what really happened. */
export type CalibrationBin = {
  /** Under the bar, e.g. "3" (a decile) or "30–40%". */
  label: string;
  /** First line of the tooltip: the bucket and how many it holds. */
  heading: string;
  predicted: number | null;
  observed: number | null;
};

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/**
 * Calibration of a probability: per bucket, the rate that really happened (bars) against the mean
 * predicted probability (line); a calibrated model's bars meet its line. An empty bucket leaves a
 * gap. Numbers on hover. Loaded only where it is shown.
 */
export default function CalibrationChart({
  bins,
  observedName,
  predictedName = "Mean predicted",
  axisName,
  label,
  height = 220,
}: {
  bins: CalibrationBin[];
  observedName: string;
  predictedName?: string;
  /** Under the buckets, e.g. "Decile of predicted probability". */
  axisName: string;
  label: string;
  height?: number;
}) {
  const primary = primaryColor();
  const predicted = "#e8590c";
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 20, containLabel: true },
    legend: topLegend([observedName, predictedName]),
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const b = bins[params[0]?.dataIndex ?? 0];
        return b
          ? `${b.heading}<br/>${predictedName} <b>${pct(b.predicted)}</b><br/>${observedName} <b>${pct(b.observed)}</b>`
          : "";
      },
    },
    xAxis: categoryAxis(
      bins.map((b) => b.label),
      {
        name: axisName,
        nameLocation: "middle",
        nameGap: 24,
        nameTextStyle: { color: AXIS_COLOR, fontSize: 11 },
      },
    ),
    yAxis: valueAxis((v: number) => formatPercent(v), { min: 0, max: 1 }),
    series: [
      {
        name: observedName,
        type: "bar",
        data: bins.map((b) => b.observed),
        itemStyle: { color: primary, opacity: 0.75 },
        barMaxWidth: 28,
      },
      {
        name: predictedName,
        type: "line",
        data: bins.map((b) => b.predicted),
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2, color: predicted },
        itemStyle: { color: predicted },
      },
    ],
  };
  return <EChart option={option} height={height} label={label} />;
}
