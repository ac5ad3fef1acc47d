import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RouteDef } from "../../src/contract/index.ts";
import type { Caller, TestApp } from "../helpers/test-app.ts";

/**
 * The cross-workspace walker: every route of a route table is called by another workspace's
 * callers with workspace A's real objects in its path, query and body, and must answer as if those
 * objects did not exist. It reports what it finds instead of asserting, so a test can show that it
 * catches a route that reads without the workspace filter.
 */

/** A value in a probe: one of workspace A's objects, one of the caller's own (B), or a fixed text. */
export class Ref {
  constructor(
    readonly side: "a" | "b" | "lit",
    readonly key: string,
  ) {}
}
export const a = (key: string) => new Ref("a", key);
export const b = (key: string) => new Ref("b", key);
export const lit = (value: string) => new Ref("lit", value);

export type Probe = {
  /** Every path parameter of the route. */
  params?: Record<string, Ref>;
  query?: Record<string, Ref>;
  /** A body valid in the caller's own workspace, so only the workspace boundary can refuse it; may hold Refs. */
  body?: unknown;
  /**
   * What the other workspace must get. Default: 404 when one of A's objects is in the path,
   * otherwise the same answer as for an object that exists nowhere (`as-if-absent`), e.g. a list
   * filtered by A's account, or an upsert by an external id that is only a key within a workspace.
   */
  expect?: 404 | "as-if-absent";
};
/** Route name → its probes. A route with path parameters or object ids needs one here. */
export type ProbeTable = Record<string, Probe | Probe[]>;
/** A workspace's objects by name (ids, external ids, slugs…). */
export type Objects = Record<string, string>;

export type Finding = { route: string; caller: string; problem: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const probesOf = (table: ProbeTable, name: string): Probe[] => [table[name] ?? []].flat();
const pathParams = (route: RouteDef) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

type JsonSchema = {
  format?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};
const holdsId = (s: JsonSchema | undefined): boolean =>
  !!s && (s.format === "uuid" || holdsId(s.items) || (s.anyOf ?? s.oneOf ?? []).some(holdsId));

/** Top-level fields of a query or body schema that carry an object id (a UUID, or a list of them). */
export function idFields(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
  const shapes = [js, ...(js.anyOf ?? js.oneOf ?? [])];
  const fields = shapes.flatMap((s) =>
    Object.entries(s.properties ?? {})
      .filter(([, p]) => holdsId(p))
      .map(([k]) => k),
  );
  return [...new Set(fields)];
}

const refersToA = (v: unknown): boolean =>
  v instanceof Ref ? v.side === "a" : Array.isArray(v) && v.some(refersToA);

/**
 * Everything the table fails to cover, one line per route and parameter: a path parameter a probe
 * does not fill, a query parameter or body field carrying an object id that no probe fills with one
 * of workspace A's objects, and probes for routes that no longer exist.
 */
export function unmappedParameters(routeTable: Record<string, RouteDef>, table: ProbeTable): string[] {
  const missing: string[] = [];
  for (const [name, route] of Object.entries(routeTable)) {
    const probes = probesOf(table, name);
    for (const p of pathParams(route)) {
      if (probes.length === 0 || probes.some((probe) => !probe.params?.[p])) {
        missing.push(`${name}: path parameter :${p} is not mapped to an object`);
      }
    }
    for (const f of idFields(route.query)) {
      if (!probes.some((probe) => refersToA(probe.query?.[f]))) {
        missing.push(`${name}: query parameter ${f} carries an object id and is not mapped to one of A's`);
      }
    }
    for (const [i, probe] of probes.entries()) {
      const body = (probe.body ?? {}) as Record<string, unknown>;
      const fields = Object.keys(body).filter((f) => refersToA(body[f]));
      // The route stops at the first foreign id it checks, so the others would go untested.
      if (fields.length > 1)
        missing.push(`${name}: probe ${i + 1} puts A's objects in several body fields (${fields})`);
    }
    for (const f of idFields(route.body)) {
      const filled = probes.some((probe) =>
        refersToA((probe.body as Record<string, unknown> | undefined)?.[f]),
      );
      if (!filled)
        missing.push(`${name}: body field ${f} carries an object id and is not mapped to one of A's`);
    }
  }
  for (const name of Object.keys(table)) {
    if (!routeTable[name]) missing.push(`${name}: probed but not in the route table`);
  }
  return missing;
}

type Resolve = (ref: Ref) => string;

function resolveDeep(v: unknown, resolve: Resolve): unknown {
  if (v instanceof Ref) return resolve(v);
  if (Array.isArray(v)) return v.map((x) => resolveDeep(x, resolve));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveDeep(x, resolve)]));
  }
  return v;
}

export function resolverFor(aObjects: Objects, bObjects: Objects, ghost: boolean): Resolve {
  const ghosts = new Map<string, string>();
  return (ref) => {
    const own = ref.side === "b" ? bObjects : aObjects;
    if (ref.side === "lit") return ref.key;
    const value = own[ref.key];
    if (value === undefined) throw new Error(`no object "${ref.key}" in workspace ${ref.side.toUpperCase()}`);
    if (!ghost || ref.side === "b") return value;
    // An object that exists in no workspace, of the same shape.
    if (!ghosts.has(ref.key))
      ghosts.set(ref.key, UUID.test(value) ? randomUUID() : `ghost-${randomUUID().slice(0, 8)}`);
    return ghosts.get(ref.key) as string;
  };
}

export type Call = { method: string; url: string; body: unknown };

export function buildCall(route: RouteDef, probe: Probe, resolve: Resolve): Call {
  let url = route.path;
  for (const [p, ref] of Object.entries(probe.params ?? {})) {
    url = url.replace(`:${p}`, encodeURIComponent(resolve(ref)));
  }
  const query = new URLSearchParams();
  for (const [k, ref] of Object.entries(probe.query ?? {})) query.set(k, resolve(ref));
  if (query.size > 0) url += `?${query}`;
  const body =
    probe.body !== undefined
      ? resolveDeep(probe.body, resolve)
      : route.body && route.method !== "GET" && route.method !== "DELETE"
        ? {}
        : undefined;
  return { method: route.method, url, body };
}

const codeOf = (text: string): string => {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    return "";
  }
};

export type WalkOptions = {
  t: TestApp;
  routes: Record<string, RouteDef>;
  table: ProbeTable;
  /** Workspace A (the victim) and its objects. */
  aObjects: Objects;
  /** The intruding workspace's own objects, for probes that act on them with A's ids in the body. */
  bObjects: Objects;
  /** Workspace A's owner: reads A's objects before and after, to see that nothing was touched. */
  aOwner: Caller;
  /** The other workspace's callers, by a name for the report. */
  intruders: Record<string, Caller>;
  /** Text only workspace A's data holds (its names), besides the ids of its objects. */
  aText: RegExp;
  /** Reads whose answer changes by itself as time passes (a schedule's next run): not compared before and after. */
  movesWithTheClock?: string[];
};

/** Walks the table as every intruder and reports each way workspace A's data showed or changed. */
export async function walkCrossWorkspace(o: WalkOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const aIds = Object.values(o.aObjects).filter((v) => UUID.test(v));
  const real = resolverFor(o.aObjects, o.bObjects, false);

  /** A's data in an answer to the intruder, leaving out ids the intruder itself sent. */
  const leaks = (call: Call, text: string): string[] => {
    const sent = `${call.url} ${JSON.stringify(call.body ?? null)}`;
    const found = aIds.filter((id) => !sent.includes(id) && text.includes(id));
    const named = text.match(o.aText);
    return named && !o.aText.test(sent) ? [...found, named[0]] : found;
  };

  // A's own view of every object read the walk aims at, to compare afterwards.
  const readsOfA: [string, Call][] = [];
  for (const [name, route] of Object.entries(o.routes)) {
    if (route.method !== "GET" || route.access === "session" || route.access === "public") continue;
    if (o.movesWithTheClock?.includes(name)) continue;
    for (const probe of probesOf(o.table, name)) {
      const refs = [...Object.values(probe.params ?? {}), ...Object.values(probe.query ?? {})];
      if (refs.every((r) => r.side !== "b")) readsOfA.push([name, buildCall(route, probe, real)]);
    }
    if (probesOf(o.table, name).length === 0 && pathParams(route).length === 0) {
      readsOfA.push([name, buildCall(route, {}, real)]);
    }
  }
  const readAll = async () =>
    Promise.all(readsOfA.map(async ([, c]) => (await o.t.request(o.aOwner, c.method, c.url, c.body)).body));
  const before = await readAll();

  for (const [name, route] of Object.entries(o.routes)) {
    const probes = probesOf(o.table, name);
    for (const [caller, who] of Object.entries(o.intruders)) {
      for (const probe of probes) {
        // A route for signed-in people refuses an API key before it looks at any object: that
        // caller must get the 403, for A's object exactly as for a missing one (checked below).
        const keyOnSessionRoute = route.access === "session" && !("cookie" in who.headers);
        const expect404 =
          !keyOnSessionRoute &&
          (probe.expect === 404 ||
            (probe.expect === undefined && Object.values(probe.params ?? {}).some((r) => r.side === "a")));
        // The same request about an object that exists nowhere: what "not there" looks like.
        const ghostCall = buildCall(route, probe, resolverFor(o.aObjects, o.bObjects, true));
        const ghost = await o.t.request(who, ghostCall.method, ghostCall.url, ghostCall.body);
        const call = buildCall(route, probe, real);
        const res = await o.t.request(who, call.method, call.url, call.body);
        const report = (problem: string) => findings.push({ route: name, caller, problem });
        const at = `${call.method} ${call.url}`;
        if (expect404 && res.statusCode !== 404) {
          report(`${at} answered ${res.statusCode}, not 404: ${res.body.slice(0, 200)}`);
        }
        if (keyOnSessionRoute && res.statusCode !== 403) {
          report(`${at} answered ${res.statusCode} to an API key on a route for signed-in people, not 403`);
        }
        const [got, absent] = [
          `${res.statusCode} ${codeOf(res.body)}`,
          `${ghost.statusCode} ${codeOf(ghost.body)}`,
        ];
        if (got !== absent) report(`${at} answered ${got} for A's object but ${absent} for none`);
        const shown = leaks(call, res.body);
        if (shown.length > 0) report(`${at} showed workspace A's data: ${shown.join(", ")}`);
      }
      // Reads that name no object: the intruder's lists must hold nothing of A's.
      if (probes.length === 0 && route.method === "GET" && pathParams(route).length === 0) {
        const call = buildCall(route, {}, real);
        const res = await o.t.request(who, call.method, call.url);
        const shown = leaks(call, res.body);
        if (shown.length > 0) {
          findings.push({
            route: name,
            caller,
            problem: `GET ${call.url} showed workspace A's data: ${shown}`,
          });
        }
      }
    }
  }

  const after = await readAll();
  readsOfA.forEach(([name, call], i) => {
    if (before[i] !== after[i]) {
      findings.push({
        route: name,
        caller: "aOwner",
        problem: `workspace A's ${call.url} changed while the other workspace walked the routes`,
      });
    }
  });
  return findings;
}
