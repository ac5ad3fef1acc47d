import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import { createTestDb } from "../helpers/test-db.ts";

/**
 * TRUST_PROXY decides whose address a request has, and with it which sign-in and API counters it
 * uses. A client may send any X-Forwarded-For it likes; each proxy appends the address it saw, so
 * only the right-most untrusted entry is the client.
 */

describe("TRUST_PROXY parsing", () => {
  const parse = (value: string) => loadConfig({ TRUST_PROXY: value }).TRUST_PROXY;

  it("takes true (one hop), false, a hop count, or a list of addresses and CIDRs", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(parse("false")).toBe(false);
    expect(parse("0")).toBe(false);
    expect(parse("true")).toEqual({ hops: 1 });
    expect(parse("1")).toEqual({ hops: 1 });
    expect(parse("2")).toEqual({ hops: 2 });
    expect(parse("10.0.0.1, 10.1.0.0/16,fd00::/8 ,::1,loopback")).toEqual({
      addresses: ["10.0.0.1", "10.1.0.0/16", "fd00::/8", "::1", "loopback"],
    });
  });

  it.each([
    "yes",
    "TRUE",
    "-1",
    "1.5",
    "101",
    "10.0.0.300",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8/1",
    "10.0.0.1,,10.0.0.2",
    "10.0.0.1, proxy.internal",
  ])("refuses %j with a message naming the setting", (value) => {
    expect(() => parse(value)).toThrow(/TRUST_PROXY/);
    expect(() => parse(value)).toThrow(/hop count|not an address/);
  });
});

describe("the client address behind proxies (LOGIN_RATE_LIMIT=1: five sign-ins per address)", () => {
  let database: Database;
  const apps: FastifyInstance[] = [];

  const appWith = async (trustProxy: string) => {
    const config = loadConfig({ LOG_LEVEL: "silent", LOGIN_RATE_LIMIT: "1", TRUST_PROXY: trustProxy });
    const app = await buildApp({ database, config, webDir: "/nonexistent" });
    apps.push(app);
    return app;
  };

  let emails = 0;
  /** A failed sign-in with an email never tried before, so only the per-address counter can refuse it. */
  const signIn = (
    app: FastifyInstance,
    from: { remoteAddress: string; forwardedFor?: string },
    email = `nobody-${++emails}@proxy.test`,
  ) =>
    app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: from.remoteAddress,
      headers: from.forwardedFor ? { "x-forwarded-for": from.forwardedFor } : {},
      payload: { email, password: "not-the-password-1" },
    });

  /** Uses up the five attempts of one address, then proves `same` shares its counter and `other` does not. */
  async function expectAddresses(
    app: FastifyInstance,
    rotating: (i: number) => { remoteAddress: string; forwardedFor?: string },
    other: { remoteAddress: string; forwardedFor?: string },
  ) {
    for (let i = 0; i < 5; i++) expect((await signIn(app, rotating(i))).statusCode).toBe(401);
    const sixth = await signIn(app, rotating(5));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe("RATE_LIMITED");
    expect((await signIn(app, other)).statusCode).toBe(401);
  }

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.close();
  });

  it("true: one proxy; a rotating X-Forwarded-For from the client does not change its address", async () => {
    const app = await appWith("true");
    // The proxy (10.0.0.1) appends the address it saw (203.0.113.7) to what the client sent.
    await expectAddresses(
      app,
      (i) => ({ remoteAddress: "10.0.0.1", forwardedFor: `198.51.100.${i}, 203.0.113.7` }),
      { remoteAddress: "10.0.0.1", forwardedFor: "203.0.113.8" },
    );
  });

  it("a hop count: the address two proxies in", async () => {
    const app = await appWith("2");
    await expectAddresses(
      app,
      (i) => ({ remoteAddress: "10.0.0.2", forwardedFor: `198.51.100.${i}, 203.0.113.7, 10.0.0.1` }),
      { remoteAddress: "10.0.0.2", forwardedFor: "203.0.113.7, 203.0.113.9, 10.0.0.1" },
    );
  });

  it("a list: trusted proxies are skipped, the right-most untrusted address is the client", async () => {
    const app = await appWith("10.0.0.0/8, 192.0.2.1");
    await expectAddresses(
      app,
      (i) => ({ remoteAddress: "192.0.2.1", forwardedFor: `198.51.100.${i}, 203.0.113.7, 10.9.9.9` }),
      { remoteAddress: "192.0.2.1", forwardedFor: "203.0.113.7, 203.0.113.10, 10.9.9.9" },
    );
  });

  it("a list: a client that is not a trusted proxy is its own address, whatever it forwards", async () => {
    const app = await appWith("10.0.0.0/8");
    await expectAddresses(app, (i) => ({ remoteAddress: "203.0.113.20", forwardedFor: `10.0.0.${i}` }), {
      remoteAddress: "203.0.113.21",
      forwardedFor: "10.0.0.0",
    });
  });

  it("false: X-Forwarded-For is ignored", async () => {
    const app = await appWith("false");
    await expectAddresses(app, (i) => ({ remoteAddress: "203.0.113.30", forwardedFor: `198.51.100.${i}` }), {
      remoteAddress: "203.0.113.31",
      forwardedFor: "198.51.100.0",
    });
  });

  it("the per-email limit holds whatever address the attempts come from", async () => {
    const app = await appWith("true");
    const email = "target@proxy.test";
    const from = (i: number) => ({ remoteAddress: "10.0.0.1", forwardedFor: `203.0.113.${100 + i}` });
    expect((await signIn(app, from(0), email)).statusCode).toBe(401);
    const second = await signIn(app, from(1), email);
    expect(second.statusCode).toBe(429);
    expect(second.json().error.code).toBe("RATE_LIMITED");
    expect((await signIn(app, from(2), ` ${email.toUpperCase()} `)).statusCode).toBe(429);
    // Another email from the same addresses is still heard.
    expect((await signIn(app, from(1), "someone-else@proxy.test")).statusCode).toBe(401);
  });
});
