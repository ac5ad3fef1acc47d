import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { formatCompact, formatDate, formatNumber } from "../../lib/format.ts";
import { AXIS_COLOR as axisColor, GRID_LINE_COLOR, primaryColor, topLegend } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ActivityPoint = { day: string; activeUsers: number; events: number };

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Daily active users (area, left axis) and events (line, right axis), with both figures on hover.
 * Loaded only where it is shown.
 */
export default function ActivityChart({
  points,
  height = 220,
}: {
  points: ActivityPoint[];
  height?: number;
}) {
  const primary = primaryColor();
  const secondary = "#4263eb";
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: topLegend(["Active users", "Events"]),
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const p = points[params[0]?.dataIndex ?? 0];
        return p
          ? `${formatDate(p.day)}<br/><b>${formatNumber(p.activeUsers)}</b> active users<br/><b>${formatNumber(p.events)}</b> events`
          : "";
      },
    },
    xAxis: {
      type: "category",
      data: points.map((p) => dayLabel.format(new Date(`${p.day}T00:00:00Z`))),
      axisTick: { show: false },
      axisLabel: { color: axisColor, fontSize: 11 },
      axisLine: { lineStyle: { color: "#dee2e6" } },
    },
    yAxis: [
      {
        type: "value",
        minInterval: 1,
        splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
        axisLabel: { color: axisColor, fontSize: 11, formatter: formatCompact },
      },
      {
        type: "value",
        minInterval: 1,
        splitLine: { show: false },
        axisLabel: { color: axisColor, fontSize: 11, formatter: formatCompact },
      },
    ],
    series: [
      {
        name: "Active users",
        type: "line",
        symbol: "none",
        yAxisIndex: 0,
        data: points.map((p) => p.activeUsers),
        lineStyle: { width: 2, color: primary },
        itemStyle: { color: primary },
        areaStyle: { color: primary, opacity: 0.1 },
      },
      {
        name: "Events",
        type: "line",
        symbol: "none",
        yAxisIndex: 1,
        data: points.map((p) => p.events),
        lineStyle: { width: 1.5, color: secondary, type: "dashed" },
        itemStyle: { color: secondary },
      },
    ],
  };
  return <EChart option={option} height={height} label="Daily active users and events" />;
}
