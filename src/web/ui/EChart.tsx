import * as echarts from "echarts/core";
import EChartsReactCore from "echarts-for-react/esm/core";

/**
 * One ECharts chart on a canvas, full width, redrawn from scratch when its option changes. The
 * calling chart registers the chart types and components it uses (`echarts.use`).
 */
export function EChart({ option, height, label }: { option: object; height: number; label: string }) {
  return (
    <EChartsReactCore
      echarts={echarts}
      option={option}
      style={{ height, width: "100%" }}
      notMerge
      opts={{ renderer: "canvas" }}
      aria-label={label}
    />
  );
}
