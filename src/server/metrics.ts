import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import client from "prom-client";
import { AppError } from "../common/errors.ts";
import type { Config } from "./config.ts";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/** Whether the server can only be reached from this machine (then /metrics needs no token). */
export const listensOnLoopbackOnly = (host: string): boolean => LOOPBACK_HOSTS.has(host.toLowerCase());

// Digests first, so the comparison takes the same time whatever the lengths.
const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Metrics name routes, volumes and process internals: beyond loopback they are for the scraper
 * holding STEWARD_METRICS_TOKEN only, and without a token they are not served there at all.
 */
function checkMetricsAccess(config: Config, req: FastifyRequest): void {
  if (listensOnLoopbackOnly(config.HOST)) return;
  const token = config.STEWARD_METRICS_TOKEN;
  if (!token) {
    throw new AppError(
      "FORBIDDEN",
      "Metrics are served beyond loopback only with a token: set STEWARD_METRICS_TOKEN and scrape with `Authorization: Bearer <token>`",
    );
  }
  const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(token))) {
    throw new AppError("UNAUTHENTICATED", "Send the metrics token as `Authorization: Bearer <token>`");
  }
}

/** Prometheus metrics: process defaults plus request counts and durations per route. */
export function registerMetrics(app: FastifyInstance, config: Config): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "steward_" });
  const duration = new client.Histogram({
    name: "steward_http_request_duration_seconds",
    help: "HTTP request duration by route, method and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook("onResponse", async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
    checkMetricsAccess(config, req);
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
