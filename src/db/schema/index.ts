export * from "./customers.ts";
export * from "./imports.ts";
export * from "./workspace.ts";
export * from "./usage.ts";
