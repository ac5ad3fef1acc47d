import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { AXIS_COLOR, GRID_LINE_COLOR, primaryColor, topLegend } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Curve = { name: string; roc: { fpr: number; tpr: number }[] };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const LIVE_COLOR = "#868e96";

/**
 * ROC curves of backtests: share of churned or contracted accounts caught (true positives) against
 * the share of the others flagged (false positives), with the diagonal of a coin toss. The first
 * curve is the tested version; a second one (dashed) is the live version. Loaded where shown.
 */
export default function RocChart({ curves, height = 280 }: { curves: Curve[]; height?: number }) {
  const axis = (name: string) => ({
    type: "value",
    min: 0,
    max: 1,
    name,
    nameLocation: "middle",
    nameGap: 28,
    nameTextStyle: { color: AXIS_COLOR, fontSize: 11 },
    splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
    axisLabel: { color: AXIS_COLOR, fontSize: 11, formatter: (v: number) => `${Math.round(v * 100)}%` },
  });
  const option = {
    animation: false,
    grid: { left: 16, right: 12, top: 36, bottom: 28, containLabel: true },
    legend: topLegend([...curves.map((c) => c.name), "Chance"]),
    tooltip: {
      trigger: "item",
      formatter: (p: { seriesName: string; value: [number, number] }) =>
        `${p.seriesName}<br/>False positives <b>${pct(p.value[0])}</b><br/>Caught <b>${pct(p.value[1])}</b>`,
    },
    xAxis: axis("False positive rate"),
    yAxis: axis("True positive rate"),
    series: [
      ...curves.map((c, i) => ({
        name: c.name,
        type: "line",
        data: c.roc.map((p) => [p.fpr, p.tpr]),
        showSymbol: false,
        symbolSize: 4,
        lineStyle: {
          width: 2,
          color: i === 0 ? primaryColor() : LIVE_COLOR,
          type: i === 0 ? "solid" : "dashed",
        },
        itemStyle: { color: i === 0 ? primaryColor() : LIVE_COLOR },
      })),
      {
        name: "Chance",
        type: "line",
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { width: 1, color: "#ced4da", type: "dotted" },
        itemStyle: { color: "#ced4da" },
      },
    ],
  };
  return <EChart option={option} height={height} label="ROC curve of the backtest" />;
}
