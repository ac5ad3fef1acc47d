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
