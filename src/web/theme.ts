import { createTheme, type MantineColorsTuple } from "@mantine/core";

const steward: MantineColorsTuple = [
  "#e6f7f4",
  "#d2ede8",
  "#a5dacf",
  "#74c6b5",
  "#4db59f",
  "#35aa92",
  "#25a48b",
  "#138f78",
  "#047f6a",
  "#006e5b",
];

export const theme = createTheme({
  primaryColor: "steward",
  colors: { steward },
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: "sm",
  fontFamily:
    "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  headings: { fontWeight: "600" },
  cursorType: "pointer",
  components: {
    Table: { defaultProps: { verticalSpacing: 6, fz: "sm" } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 1 } } },
    Badge: { defaultProps: { radius: "sm", fw: 600 } },
    // A number outside min/max is refused with a message at the field, never pulled into range
    // when the field loses focus (Mantine's default would change the value silently).
    NumberInput: { defaultProps: { clampBehavior: "none" } },
  },
});
