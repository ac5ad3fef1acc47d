import { type SQL, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { type Db, queryRows } from "../../src/db/index.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createSource } from "../../src/domain/usage/index.ts";
import { createTestApp, type TestApp, type TestWorkspace } from "../helpers/test-app.ts";

/** Shared pieces of the ingestion suites: a real port, raw requests, what a Segment client sent. */

export const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** Starts the app on a free port of 127.0.0.1 and answers its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address !== "object") throw new Error("the app is not listening");
  return `http://127.0.0.1:${address.port}`;
}

export const rows = <T>(db: Db, q: SQL) => queryRows<T>(db, q);

export type Sent = { status: number; headers: Headers; json: Record<string, unknown> | null; text: string };

/** POSTs a body the way a client library does: JSON (or given bytes), the key as Basic auth. */
export async function post(
  base: string,
  path: string,
  body: unknown,
  options: { key?: string | null; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.key ? { authorization: basic(options.key) } : {}),
      ...options.headers,
    },
    body: raw,
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** The `error.code` of an error answer. */
export const errorCode = (res: Sent): string | undefined =>
  (res.json?.error as { code?: string } | undefined)?.code;

type Emitter = {
  on(event: "http_request", fn: (r: { headers: Record<string, string>; body: string }) => void): unknown;
  on(event: "error", fn: (e: { code: string; reason?: unknown }) => void): unknown;
};

export type Capture = {
  requests: { headers: Record<string, string>; body: string; parsed: SentBatch }[];
  /** Statuses of the answers (only 3.x emits `http_response`). */
  statuses: number[];
  errors: { code: string; reason?: unknown }[];
  /** Every messageId the client put on the wire, once each. */
  messageIds(): string[];
};

export type SentBatch = {
  batch: { messageId: string; type: string; [k: string]: unknown }[];
  writeKey?: string;
  sentAt?: string;
};

/** Records what a Segment client sends (its `http_request` event) and what it is answered. */
export function capture(client: Emitter): Capture {
  const c: Capture = {
    requests: [],
    statuses: [],
    errors: [],
    messageIds: () => [...new Set(c.requests.flatMap((r) => r.parsed.batch.map((e) => e.messageId)))],
  };
  client.on("http_request", (r) => {
    c.requests.push({ headers: r.headers, body: r.body, parsed: JSON.parse(r.body) as SentBatch });
  });
  client.on("error", (e) => {
    c.errors.push(e);
  });
  const withResponse = client as unknown as {
    on(event: "http_response", fn: (r: { status: number }) => void): unknown;
  };
  withResponse.on("http_response", (r) => {
    c.statuses.push(r.status);
  });
  return c;
}

/** Stored rows per messageId in a workspace (or in all of them), to prove "stored once". */
export async function storedCounts(
  db: Db,
  messageIds: string[],
  workspaceId?: string,
): Promise<Map<string, number>> {
  const ids = sql`${sql.param(messageIds)}::text[]`;
  const found = await rows<{ message_id: string; n: number }>(
    db,
    workspaceId
      ? sql`select message_id, count(*)::int as n from usage_events
          where workspace_id = ${workspaceId} and message_id = any(${ids}) group by message_id`
      : sql`select message_id, count(*)::int as n from usage_events
          where message_id = any(${ids}) group by message_id`,
  );
  return new Map(found.map((r) => [r.message_id, r.n]));
}

export type IngestionFixture = { t: TestApp; base: string; ws: TestWorkspace; writeKey: string };

/** What most ingestion suites start from: a listening app, a workspace, the account "initech" and a source. */
export async function ingestionFixture(slug: string): Promise<IngestionFixture> {
  const t = await createTestApp();
  const base = await listen(t.app);
  const ws = await t.workspace(slug);
  await createAccount(ws.ctx, { name: "Initech", externalId: "initech" });
  const writeKey = (await createSource(ws.ctx, { name: "Backend" })).writeKey;
  return { t, base, ws, writeKey };
}

/** A track call of user u-1 in the account "initech". */
export const track = (messageId: string, extra: Record<string, unknown> = {}) => ({
  type: "track",
  userId: "u-1",
  event: "Report Saved",
  messageId,
  context: { groupId: "initech" },
  ...extra,
});
