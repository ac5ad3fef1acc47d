export * from "./customers.ts";
export * from "./events.ts";
export * from "./experience.ts";
export * from "./health.ts";
export * from "./imports.ts";
export * from "./success.ts";
export * from "./usage.ts";
export * from "./workspace.ts";
