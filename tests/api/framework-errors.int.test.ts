import net from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createTestDb } from "../helpers/test-db.ts";

/**
 * What Node's HTTP parser and Fastify answer before any route runs (header too large, broken
 * HTTP, unknown routes, bodies too large, of the wrong type or not JSON, bad URL encoding) leaves
 * in the same `{ error: { code, message } }` envelope as every route's errors. Sent over a real
 * socket, byte for byte, because some of these never reach Fastify (and `inject` skips Node's parser).
 */
let database: Database;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  database = await createTestDb();
  app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: "silent" }), webDir: "/nonexistent" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Answer = { status: number; contentType: string; body: string };

/** Sends raw bytes and reads the answer until the server closes the connection. */
function send(request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on("data", (d) => chunks.push(d));
    // The server may close while the request is still being written (a body too large).
    socket.on("error", (e) => (chunks.length ? undefined : reject(e)));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
        contentType: /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? "",
        body: rest.join("\r\n\r\n"),
      });
    });
  });
}

const H = "Host: steward.test\r\nConnection: close\r\n";
const post = (path: string, contentType: string, body: string, extra = "") =>
  `POST ${path} HTTP/1.1\r\n${H}Content-Type: ${contentType}\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const LOGIN = "/api/v1/auth/login";

const cases: [string, string, number, string][] = [
  [
    "headers too large (Node)",
    `GET /api/v1/accounts HTTP/1.1\r\n${H}X-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    431,
    "HEADERS_TOO_LARGE",
  ],
  [
    "a malformed header line (Node)",
    `GET /api/v1/accounts HTTP/1.1\r\n${H}Not a header\r\n\r\n`,
    400,
    "BAD_REQUEST",
  ],
  ["a malformed request line (Node)", "GARBAGE\r\n\r\n", 400, "BAD_REQUEST"],
  [
    "Content-Length and Transfer-Encoding both (Node)",
    `POST ${LOGIN} HTTP/1.1\r\n${H}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    400,
    "BAD_REQUEST",
  ],
  [
    "a Content-Length that is not a number (Node)",
    `POST ${LOGIN} HTTP/1.1\r\n${H}Content-Length: abc\r\n\r\n`,
    400,
    "BAD_REQUEST",
  ],
  ["no Host header", "GET /api/v1/nothing HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "BAD_REQUEST"],
  ["an unknown API route", `GET /api/v1/nothing HTTP/1.1\r\n${H}\r\n`, 404, "NOT_FOUND"],
  [
    "an unknown ingestion route",
    `POST /v1/nothing HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n`,
    404,
    "NOT_FOUND",
  ],
  ["a method no route has", `PROPFIND /api/v1/accounts HTTP/1.1\r\n${H}\r\n`, 404, "NOT_FOUND"],
  ["a method the path does not take", `DELETE /healthz HTTP/1.1\r\n${H}\r\n`, 404, "NOT_FOUND"],
  [
    "a body over the limit",
    post(LOGIN, "application/json", `{"email":"${"a".repeat(1_100_000)}"}`),
    413,
    "PAYLOAD_TOO_LARGE",
  ],
  [
    "a Content-Length over the limit",
    `POST ${LOGIN} HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{}`,
    413,
    "PAYLOAD_TOO_LARGE",
  ],
  ["text/plain", post(LOGIN, "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["a form", post(LOGIN, "application/x-www-form-urlencoded", "email=a"), 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["multipart", post(LOGIN, "multipart/form-data; boundary=x", "--x--"), 415, "UNSUPPORTED_MEDIA_TYPE"],
  ["malformed JSON", post(LOGIN, "application/json", '{"email":'), 400, "BAD_REQUEST"],
  ["an empty JSON body", post(LOGIN, "application/json", ""), 400, "BAD_REQUEST"],
  [
    "JSON setting __proto__",
    post(LOGIN, "application/json", '{"__proto__":{"admin":true}}'),
    400,
    "BAD_REQUEST",
  ],
  [
    "bad percent-encoding in the path",
    `GET /api/v1/accounts/%E0%A4%A HTTP/1.1\r\n${H}\r\n`,
    400,
    "BAD_REQUEST",
  ],
  ["a lone % in the path", `GET /api/v1/%zz HTTP/1.1\r\n${H}\r\n`, 400, "BAD_REQUEST"],
  [
    "a path parameter too long",
    `GET /api/v1/accounts/${"a".repeat(300)} HTTP/1.1\r\n${H}\r\n`,
    400,
    "BAD_REQUEST",
  ],
];

describe("framework answers use the error envelope", () => {
  it.each(cases)("%s", async (_name, request, status, code) => {
    const res = await send(request);
    expect(res.status, res.body).toBe(status);
    expect(res.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(res.body).not.toMatch(/statusCode|FST_|HPE_|\.ts:\d+|node_modules/);
  });
});
