import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { SurveyKind } from "../../../contract/index.ts";
import { AXIS_COLOR, GRID_LINE_COLOR, primaryColor } from "../../ui/chartStyle.ts";
import { EChart } from "../../ui/EChart.tsx";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const RED = "#e03131";
const YELLOW = "#f08c00";
const GREEN = "#2f9e44";

/** NPS bars coloured by group; the axis names and the caption say the same in words. */
const npsColor = (score: number) => (score <= 6 ? RED : score <= 8 ? YELLOW : GREEN);

/** Answers per score of the scale, each bar labelled with its count. Loaded where shown. */
export default function DistributionChart({
  kind,
  distribution,
  height = 240,
}: {
  kind: SurveyKind;
  distribution: { score: number; answers: number }[];
  height?: number;
}) {
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 24, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: { name: string; value: number }[]) => {
        const p = ps[0];
        return p ? `Score <b>${p.name}</b><br/>${p.value} answer${p.value === 1 ? "" : "s"}` : "";
      },
    },
    xAxis: {
      type: "category",
      data: distribution.map((d) => String(d.score)),
      name: "Score",
      nameLocation: "middle",
      nameGap: 26,
      nameTextStyle: { color: AXIS_COLOR, fontSize: 11 },
      axisLabel: { color: AXIS_COLOR },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      minInterval: 1,
      splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
      axisLabel: { color: AXIS_COLOR, fontSize: 11 },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 40,
        label: { show: true, position: "top", color: AXIS_COLOR, fontSize: 11 },
        data: distribution.map((d) => ({
          value: d.answers,
          itemStyle: { color: kind === "nps" ? npsColor(d.score) : primaryColor() },
        })),
      },
    ],
  };
  const summary = distribution.map((d) => `${d.score}: ${d.answers}`).join(", ");
  return <EChart option={option} height={height} label={`Answers per score — ${summary}`} />;
}
