import autocannon from "autocannon";

/**
 * The workload of the ingestion benchmark: 1,000 accounts with external ids, 10,000 product users
 * (10 per account, the first 2 of each known as key-player contacts), 20 tracked events, and
 * analytics-node style `/v1/batch` bodies of 100 `track` calls carrying `context.groupId`.
 */

export const ACCOUNTS = 1_000;
export const USERS_PER_ACCOUNT = 10;
export const USERS = ACCOUNTS * USERS_PER_ACCOUNT;
export const KEY_PLAYERS_PER_ACCOUNT = 2;
export const BATCH = 100;

export const EVENTS = [
  "Dashboard Viewed",
  "Report Created",
  "Report Exported",
  "Report Shared",
  "Filter Applied",
  "Search Performed",
  "Ticket Created",
  "Ticket Resolved",
  "Comment Added",
  "File Uploaded",
  "Integration Connected",
  "Workflow Run",
  "Alert Configured",
  "User Invited",
  "Settings Changed",
  "API Key Created",
  "Export Scheduled",
  "Chart Edited",
  "Template Used",
  "Sign In",
];

export const accountExternalId = (a: number) => `acc-${String(a).padStart(4, "0")}`;
export const userIdOf = (u: number) => `user-${String(u).padStart(5, "0")}`;
export const accountOfUser = (u: number) => Math.floor(u / USERS_PER_ACCOUNT);

/** CSV files to import: accounts, their key-player contacts, one subscription with seats each. */
export function importCsvs(): { accounts: string; contacts: string; subscriptions: string } {
  const tiers = ["enterprise", "mid-market", "smb"];
  const accounts = ["external_id,name,tier"];
  const contacts = ["external_id,account_external_id,name,email,decision_role"];
  const subs = ["external_id,account_external_id,product,mrr,seats,start_date"];
  for (let a = 0; a < ACCOUNTS; a++) {
    const ext = accountExternalId(a);
    accounts.push(`${ext},Account ${a},${tiers[a % 3]}`);
    for (let k = 0; k < KEY_PLAYERS_PER_ACCOUNT; k++) {
      const u = a * USERS_PER_ACCOUNT + k;
      const role = k === 0 ? "champion" : "economic_buyer";
      // The contact's external id is the product's user id: ingestion links the user to it.
      contacts.push(`${userIdOf(u)},${ext},Person ${u},${userIdOf(u)}@example.com,${role}`);
    }
    subs.push(`sub-${a},${ext},Platform,${100 + (a % 50) * 20},${8 + (a % 30)},2024-01-01`);
  }
  const csv = (lines: string[]) => `${lines.join("\n")}\n`;
  return { accounts: csv(accounts), contacts: csv(contacts), subscriptions: csv(subs) };
}

const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

/** One `group` call per user, 100 per request: links every user to its account before the load. */
export async function linkUsers(url: string, writeKey: string, parallel = 8): Promise<number> {
  const bodies: string[] = [];
  for (let start = 0; start < USERS; start += BATCH) {
    const batch = [];
    for (let u = start; u < Math.min(USERS, start + BATCH); u++) {
      const a = accountOfUser(u);
      batch.push({
        type: "group",
        messageId: `link-${u}`,
        userId: userIdOf(u),
        groupId: accountExternalId(a),
        traits: { name: `Account ${a}` },
      });
    }
    bodies.push(JSON.stringify({ batch }));
  }
  let next = 0;
  let stored = 0;
  const worker = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const res = await fetch(`${url}/v1/batch`, {
        method: "POST",
        headers: { authorization: basicAuth(writeKey), "content-type": "application/json" },
        body: bodies[i],
      });
      if (!res.ok) throw new Error(`linking users: ${res.status} ${await res.text()}`);
      const answer = (await res.json()) as { stored: number };
      stored += answer.stored;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return stored;
}

const MARK = "@@";
const PROPS = [
  { format: "csv", rows: 120, plan: "pro" },
  { source: "web", duration_ms: 840 },
  { query: "renewal risk", results: 14 },
  { size_kb: 312, kind: "pdf" },
  {},
];

/**
 * Request bodies as text with a placeholder for the request's unique prefix, so each request only
 * pays a string replace (the client shares the machine with the server and the database).
 */
export function bodyTemplates(count: number, now = Date.now()): string[] {
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const batch = [];
    for (let i = 0; i < BATCH; i++) {
      const u = Math.floor(Math.random() * USERS);
      batch.push({
        type: "track",
        messageId: `${MARK}-${i}`,
        userId: userIdOf(u),
        event: EVENTS[Math.floor(Math.random() * EVENTS.length)],
        timestamp: new Date(now - Math.floor(Math.random() * 10_000)).toISOString(),
        properties: PROPS[Math.floor(Math.random() * PROPS.length)],
        context: {
          groupId: accountExternalId(accountOfUser(u)),
          library: { name: "@segment/analytics-node", version: "2.1.3" },
        },
      });
    }
    out.push(JSON.stringify({ batch }));
  }
  return out;
}

export type LoadResult = {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Events the answers said were stored, and said were duplicates. */
  stored: number;
  duplicates: number;
  p50: number;
  p90: number;
  p99: number;
  maxLatency: number;
  bytesPerRequest: number;
};

/** autocannon against `/v1/batch`: every request a 100-event batch with unique message ids. */
export async function runBatchLoad(
  url: string,
  writeKey: string,
  opts: { connections: number; seconds: number; tag: string },
): Promise<LoadResult> {
  const templates = bodyTemplates(500);
  let n = 0;
  let stored = 0;
  let duplicates = 0;
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/v1/batch",
        headers: { authorization: basicAuth(writeKey), "content-type": "application/json" },
        setupRequest: (req) => {
          const i = n++;
          req.body = (templates[i % templates.length] as string).replaceAll(MARK, `${opts.tag}-${i}`);
          return req;
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) {
            const answer = JSON.parse(body) as { stored: number; duplicates: number };
            stored += answer.stored;
            duplicates += answer.duplicates;
          }
        },
      },
    ],
  });
  return {
    seconds: r.duration,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    stored,
    duplicates,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    maxLatency: r.latency.max,
    bytesPerRequest: Buffer.byteLength(templates[0] as string),
  };
}

/** Samples a value (the server's RSS) every `ms` until stopped; answers the peak and the mean. */
export function sampler(read: () => number, ms = 500) {
  const xs: number[] = [];
  const timer = setInterval(() => {
    try {
      xs.push(read());
    } catch {
      // the process is gone
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      const peak = xs.length ? Math.max(...xs) : 0;
      const mean = xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0;
      return { peak, mean, samples: xs.length };
    },
  };
}
