import type {
  Condition,
  ConditionOp,
  FieldType,
  FilterGroup,
  Issue,
  SegmentField,
} from "../../../contract/index.ts";
import { issueText } from "../../lib/issues.ts";

/**
 * The filter as the builder edits it: the contract's groups and conditions, each with an id so a
 * row keeps its identity (and its error) while rows around it are added or removed. A condition
 * without a field yet has `field: ""`; a value being typed may be incomplete (`undefined`, or a
 * range with an empty end) — `unfinished` says which rows are not ready to be counted or saved.
 */
export type DraftCondition = {
  kind: "condition";
  id: string;
  field: string;
  op: ConditionOp;
  value: Condition["value"];
};
export type DraftGroup = { kind: "group"; id: string; match: "all" | "any"; items: DraftNode[] };
export type DraftNode = DraftCondition | DraftGroup;

/** What the builder's rows and groups need: the fields, each node's errors, and edits by id. */
export type FilterEditing = {
  fields: SegmentField[] | undefined;
  byKey: Map<string, SegmentField>;
  errorsOf: (id: string) => string[];
  update: (id: string, fn: (n: DraftNode) => DraftNode) => void;
  remove: (id: string) => void;
  append: (groupId: string, node: DraftNode) => void;
};

/** Groups nest three deep at most (the top group is the first level), as the server checks. */
export const MAX_DEPTH = 3;

let seq = 0;
const nextId = (): string => `node-${++seq}`;

export const blankCondition = (): DraftCondition => ({
  kind: "condition",
  id: nextId(),
  field: "",
  op: "is_set",
  value: undefined,
});

/** A new group starts with one empty condition and the opposite join of its parent, the usual reason to add one. */
export const blankGroup = (match: "all" | "any" = "all"): DraftGroup => ({
  kind: "group",
  id: nextId(),
  match,
  items: [blankCondition()],
});

export const blankFilter = (): DraftGroup => blankGroup("all");

const isGroup = (c: Condition | FilterGroup): c is FilterGroup => "match" in c;

/** A saved filter, ready to edit. */
export const draftOf = (f: FilterGroup): DraftGroup => ({
  kind: "group",
  id: nextId(),
  match: f.match,
  items: f.conditions.map((c) =>
    isGroup(c)
      ? draftOf(c)
      : { kind: "condition" as const, id: nextId(), field: c.field, op: c.op, value: c.value },
  ),
});

/** The draft as the API takes it (ids dropped, no `value` where there is none). */
export const filterOf = (g: DraftGroup): FilterGroup => ({
  match: g.match,
  conditions: g.items.map((n) =>
    n.kind === "group"
      ? filterOf(n)
      : { field: n.field, op: n.op, ...(n.value === undefined ? {} : { value: n.value }) },
  ),
});

// What a condition's value looks like for its operator

export type ValueShape = "none" | "one" | "list" | "range" | "days";

export const shapeOf = (op: ConditionOp): ValueShape => {
  switch (op) {
    case "is_set":
    case "is_empty":
    case "is_true":
    case "is_false":
      return "none";
    case "in":
    case "not_in":
      return "list";
    case "between":
      return "range";
    case "in_last_days":
    case "in_next_days":
    case "more_than_days_ago":
      return "days";
    default:
      return "one";
  }
};

/** The operator a newly chosen field starts with: the one most filters of that kind use. */
export const DEFAULT_OP: Record<FieldType, ConditionOp> = {
  text: "eq",
  number: "gt",
  date: "in_last_days",
  enum: "in",
  member: "in",
  boolean: "is_true",
};

/** Another field: its type's usual operator, and no value (the old one rarely fits). */
export const withField = (c: DraftCondition, field: SegmentField): DraftCondition => ({
  ...c,
  field: field.key,
  op: DEFAULT_OP[field.type],
  value: undefined,
});

/** Another operator: the value stays when it has the same shape ("more than 30" → "at least 30"). */
export const withOp = (c: DraftCondition, op: ConditionOp): DraftCondition => ({
  ...c,
  op,
  value: shapeOf(op) === shapeOf(c.op) ? c.value : undefined,
});

// Editing the tree (each returns a new tree; the form holds it as one value)

const mapGroup = (g: DraftGroup, fn: (n: DraftNode) => DraftNode | null): DraftGroup => ({
  ...g,
  items: g.items.flatMap((n) => {
    const next = fn(n);
    if (next === null) return [];
    return [next.kind === "group" ? mapGroup(next, fn) : next];
  }),
});

/** Replaces the node with this id (the top group included). */
export const updateNode = (root: DraftGroup, id: string, fn: (n: DraftNode) => DraftNode): DraftGroup => {
  if (root.id === id) return fn(root) as DraftGroup;
  return mapGroup(root, (n) => (n.id === id ? fn(n) : n));
};

export const removeNode = (root: DraftGroup, id: string): DraftGroup =>
  mapGroup(root, (n) => (n.id === id ? null : n));

export const appendTo = (root: DraftGroup, groupId: string, node: DraftNode): DraftGroup =>
  updateNode(root, groupId, (g) => (g.kind === "group" ? { ...g, items: [...g.items, node] } : g));

/**
 * The builder's editing of one filter a form holds (`get` reads it now, `set` writes it): each
 * row's errors — what an unfinished row still needs, once the user tried to save (`missing`), and
 * the server's issues at that row (`rowIssues`) — and edits by id.
 */
export const filterEditing = (opts: {
  fields: SegmentField[] | undefined;
  byKey: Map<string, SegmentField>;
  missing: Record<string, string> | null;
  tried: boolean;
  rowIssues: Record<string, string[]>;
  get: () => DraftGroup;
  set: (next: DraftGroup) => void;
}): FilterEditing => ({
  fields: opts.fields,
  byKey: opts.byKey,
  errorsOf: (id) => {
    const need = opts.tried ? opts.missing?.[id] : undefined;
    return [...new Set([...(need ? [need] : []), ...(opts.rowIssues[id] ?? [])])];
  },
  update: (id, fn) => opts.set(updateNode(opts.get(), id, fn)),
  remove: (id) => opts.set(removeNode(opts.get(), id)),
  append: (groupId, node) => opts.set(appendTo(opts.get(), groupId, node)),
});

// Ready to count?

const filled = (v: unknown): boolean => v !== undefined && v !== null && v !== "";

/** What a condition still needs before it can be counted, in words; null when it is complete. */
export const missingPart = (c: DraftCondition, field: SegmentField | undefined): string | null => {
  if (c.field === "") return "Choose a field to test";
  // A field the workspace no longer has is the server's to explain.
  if (!field) return null;
  const v = c.value;
  switch (shapeOf(c.op)) {
    case "none":
      return null;
    case "days":
      return typeof v === "number" ? null : `${field.label} needs a number of days`;
    case "list":
      return Array.isArray(v) && v.length > 0 ? null : `${field.label} needs at least one value`;
    case "range":
      return Array.isArray(v) && v.length === 2 && filled(v[0]) && filled(v[1])
        ? null
        : `${field.label} needs both a from and a to value`;
    case "one":
      return filled(v) ? null : `${field.label} needs a value`;
  }
};

/** Every condition not ready yet, by id, with what it needs. */
export const unfinished = (g: DraftGroup, fields: Map<string, SegmentField>): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (group: DraftGroup) => {
    for (const n of group.items) {
      if (n.kind === "group") walk(n);
      else {
        const missing = missingPart(n, fields.get(n.field));
        if (missing) out[n.id] = missing;
      }
    }
  };
  walk(g);
  return out;
};

// The server's issues, at their rows

/**
 * Issues of a refused filter (`filter.conditions.1.conditions.0.value`) under the id of the row
 * or group they point at, worded with the field's name; paths outside the filter are left out.
 * An issue pointing past what the draft holds lands on the nearest group that exists.
 */
export const issuesAtNodes = (
  issues: Issue[],
  root: DraftGroup,
  fields: Map<string, SegmentField>,
): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.path !== "filter" && !issue.path.startsWith("filter.")) continue;
    const parts = issue.path.split(".").slice(1);
    let node: DraftNode = root;
    for (let i = 0; node.kind === "group" && parts[i] === "conditions"; i += 2) {
      const child: DraftNode | undefined = node.items[Number(parts[i + 1])];
      if (!child) break;
      node = child;
    }
    const label =
      node.kind === "condition" ? (fields.get(node.field)?.label ?? "The condition") : "The filter";
    const text = issueText(label, issue.message);
    out[node.id] = [...(out[node.id] ?? []), text];
  }
  return out;
};
