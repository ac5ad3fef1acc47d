import { LineChart } from "echarts/charts";
import { GridComponent, MarkAreaComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { AccountHealth, HealthBand } from "../../../contract/index.ts";
import { formatDate, formatDecimal } from "../../lib/format.ts";
import { AXIS_COLOR, GRID_LINE_COLOR, primaryColor } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";
import { BAND_LABELS, BAND_ZONE_COLORS } from "./healthText.ts";

echarts.use([LineChart, GridComponent, TooltipComponent, MarkAreaComponent, CanvasRenderer]);

/**
 * The score's daily history with the bands as shaded zones (named at the right edge); the day,
 * score and band on hover. Loaded only where it is shown.
 */
export default function HealthTrendChart({
  history,
  bands = { averageFrom: 40, goodFrom: 70 },
  height = 180,
}: {
  history: AccountHealth["history"];
  bands?: { averageFrom: number; goodFrom: number };
  height?: number;
}) {
  const zone = (band: HealthBand, from: number, to: number) => [
    {
      yAxis: from,
      itemStyle: { color: BAND_ZONE_COLORS[band] },
      label: {
        show: true,
        position: "insideRight",
        color: AXIS_COLOR,
        fontSize: 10,
        formatter: BAND_LABELS[band],
      },
    },
    { yAxis: to },
  ];
  const option = {
    animation: false,
    grid: { left: 4, right: 8, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const p = history[params[0]?.dataIndex ?? 0];
        return p
          ? `${formatDate(p.day)}<br/>Score <b>${formatDecimal(p.score)}</b> · ${BAND_LABELS[p.band]}`
          : "";
      },
    },
    xAxis: {
      type: "category",
      data: history.map((p) => formatDate(p.day)),
      boundaryGap: false,
      axisTick: { show: false },
      axisLabel: { color: AXIS_COLOR, fontSize: 11, hideOverlap: true },
      axisLine: { lineStyle: { color: "#dee2e6" } },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 100,
      interval: 25,
      splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
      axisLabel: { color: AXIS_COLOR, fontSize: 11 },
    },
    series: [
      {
        name: "Health score",
        type: "line",
        data: history.map((p) => p.score),
        showSymbol: history.length < 40,
        symbolSize: 5,
        lineStyle: { width: 2, color: primaryColor() },
        itemStyle: { color: primaryColor() },
        markArea: {
          silent: true,
          data: [
            zone("poor", 0, bands.averageFrom),
            zone("average", bands.averageFrom, bands.goodFrom),
            zone("good", bands.goodFrom, 100),
          ],
        },
      },
    ],
  };
  return (
    <EChart
      option={option}
      height={height}
      label="Health score over time, with the poor, average and good bands"
    />
  );
}
