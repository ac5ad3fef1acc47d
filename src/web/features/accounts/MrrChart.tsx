import { LineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import EChartsReactCore from "echarts-for-react/esm/core";
import { formatMoney, toMajor } from "../../lib/format.ts";
import type { MrrPoint } from "../revenue/accountRevenue.ts";

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const monthLabel = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
const label = (month: string) => monthLabel.format(new Date(`${month}-01T00:00:00Z`));

/** MRR month by month, with the exact amount on hover. Loaded only where it is shown. */
export default function MrrChart({ points, currency }: { points: MrrPoint[]; currency: string }) {
  const color = getComputedStyle(document.documentElement)
    .getPropertyValue("--mantine-primary-color-filled")
    .trim();
  const option = {
    animation: false,
    grid: { left: 8, right: 12, top: 12, bottom: 4, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const p = points[params[0]?.dataIndex ?? 0];
        return p ? `${label(p.month)}<br/><b>${formatMoney(p.mrrMinor, currency)}</b> MRR` : "";
      },
    },
    xAxis: {
      type: "category",
      data: points.map((p) => label(p.month)),
      axisTick: { show: false },
      axisLabel: { color: "#868e96", fontSize: 11 },
      axisLine: { lineStyle: { color: "#dee2e6" } },
    },
    yAxis: {
      type: "value",
      splitLine: { lineStyle: { color: "#f1f3f5" } },
      axisLabel: {
        color: "#868e96",
        fontSize: 11,
        formatter: (v: number) =>
          new Intl.NumberFormat(undefined, {
            style: "currency",
            currency,
            notation: "compact",
            maximumFractionDigits: 1,
          }).format(v),
      },
    },
    series: [
      {
        type: "line",
        step: "end",
        symbol: "none",
        data: points.map((p) => toMajor(p.mrrMinor, currency)),
        lineStyle: { width: 2, color: color || "#138f78" },
        areaStyle: { color: color || "#138f78", opacity: 0.08 },
      },
    ],
  };
  return (
    <EChartsReactCore
      echarts={echarts}
      option={option}
      style={{ height: 150, width: "100%" }}
      notMerge
      opts={{ renderer: "canvas" }}
      aria-label="MRR by month"
    />
  );
}
