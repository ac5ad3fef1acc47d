/** The look shared by Steward's ECharts charts: muted axes, a small legend on top, the theme's colour. */

export const AXIS_COLOR = "#868e96";
export const GRID_LINE_COLOR = "#f1f3f5";

/** The theme's primary colour as the page renders it (charts draw on a canvas, outside CSS). */
export const primaryColor = (): string =>
  getComputedStyle(document.documentElement).getPropertyValue("--mantine-primary-color-filled").trim() ||
  "#138f78";

/** A legend in the top-left corner naming the series. */
export const topLegend = (names: string[]) => ({
  top: 0,
  left: 0,
  itemWidth: 14,
  itemHeight: 8,
  textStyle: { color: AXIS_COLOR, fontSize: 12 },
  data: names,
});

/** A category axis (months, quarters, buckets) without ticks, in the muted axis colour. */
export const categoryAxis = (data: string[], more: object = {}) => ({
  type: "category",
  data,
  axisTick: { show: false },
  axisLabel: { color: AXIS_COLOR, fontSize: 11 },
  axisLine: { lineStyle: { color: "#dee2e6" } },
  ...more,
});

/** A value axis with light grid lines and labels written by `formatter`. */
export const valueAxis = (formatter: string | ((v: number) => string), more: object = {}) => ({
  type: "value",
  splitLine: { lineStyle: { color: GRID_LINE_COLOR } },
  axisLabel: { color: AXIS_COLOR, fontSize: 11, formatter },
  ...more,
});

/** Axis labels of amounts in major units, shortened: 125000 USD → "$125K". */
export const compactMoney = (currency: string): ((major: number) => string) => {
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  return (major) => format.format(major);
};
