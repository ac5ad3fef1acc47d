import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { AdvocacySummary } from "../../../contract/index.ts";
import { AXIS_COLOR, GRID_LINE_COLOR, primaryColor, topLegend } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";
import { monthLabel } from "../revenue/revenueView.ts";
import { npsTooltip } from "./advocacyView.ts";

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/**
 * NPS month by month (left axis, −100 to 100) over the number of answers (bars, right axis). A
 * month without answers has no NPS and leaves a gap rather than a zero. Loaded only where shown.
 */
export default function NpsTrendChart({
  byMonth,
  height = 280,
}: {
  byMonth: AdvocacySummary["npsByMonth"];
  height?: number;
}) {
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: topLegend(["NPS", "Answers"]),
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const m = byMonth[params[0]?.dataIndex ?? 0];
        return m ? `<b>${monthLabel(m.month)}</b><br/>${npsTooltip(m)}` : "";
      },
    },
    xAxis: {
      type: "category",
      data: byMonth.map((m) => monthLabel(m.month)),
      axisTick: { show: false },
      axisLabel: { color: AXIS_COLOR, fontSize: 11 },
      axisLine: { lineStyle: { color: "#dee2e6" } },
    },
    yAxis: [
      {
        type: "value",
        min: -100,
        max: 100,
        interval: 50,
        splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
        axisLabel: { color: AXIS_COLOR, fontSize: 11 },
      },
      {
        type: "value",
        min: 0,
        splitLine: { show: false },
        axisLabel: { color: AXIS_COLOR, fontSize: 11 },
      },
    ],
    series: [
      {
        name: "Answers",
        type: "bar",
        yAxisIndex: 1,
        data: byMonth.map((m) => m.responses),
        itemStyle: { color: "#dee2e6" },
        barMaxWidth: 24,
      },
      {
        name: "NPS",
        type: "line",
        data: byMonth.map((m) => m.score),
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { width: 2, color: primaryColor() },
        itemStyle: { color: primaryColor() },
        markLine: {
          silent: true,
          symbol: "none",
          label: { show: false },
          lineStyle: { color: "#adb5bd", type: "dashed" },
          data: [{ yAxis: 0 }],
        },
      },
    ],
  };
  return <EChart option={option} height={height} label="NPS by month, with the number of answers" />;
}
