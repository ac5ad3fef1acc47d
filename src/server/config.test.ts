import { describe, expect, it } from "vitest";
import { inboundMailConfigOf } from "../common/mail-config.ts";
import { loadConfig } from "./config.ts";

const inbound = (env: Record<string, string>) => inboundMailConfigOf(loadConfig(env));

describe("the inbound SMTP listener's configuration", () => {
  it("is off without a port, also when the variables are set blank", () => {
    expect(inbound({})).toBeNull();
    expect(inbound({ STEWARD_INBOUND_SMTP_PORT: "", STEWARD_INBOUND_DOMAIN: "" })).toBeNull();
  });

  it("takes the port and the capture domain, in lower case", () => {
    expect(
      inbound({ STEWARD_INBOUND_SMTP_PORT: "2525", STEWARD_INBOUND_DOMAIN: "Capture.Example.com" }),
    ).toEqual({ port: 2525, domain: "capture.example.com", tls: null });
  });

  it("offers STARTTLS only with both a key and a certificate", () => {
    const env = { STEWARD_INBOUND_SMTP_PORT: "2525", STEWARD_INBOUND_DOMAIN: "capture.example.com" };
    expect(
      inbound({ ...env, STEWARD_INBOUND_TLS_KEY: "k.pem", STEWARD_INBOUND_TLS_CERT: "c.pem" })?.tls,
    ).toEqual({ keyFile: "k.pem", certFile: "c.pem" });
    expect(() => inbound({ ...env, STEWARD_INBOUND_TLS_KEY: "k.pem" })).toThrow(
      /STARTTLS needs both STEWARD_INBOUND_TLS_KEY and STEWARD_INBOUND_TLS_CERT[\s\S]*STEWARD_INBOUND_TLS_CERT/,
    );
  });

  it("stops at start with a clear message when the port is set without a domain", () => {
    expect(() => inbound({ STEWARD_INBOUND_SMTP_PORT: "2525" })).toThrow(
      /is required when STEWARD_INBOUND_SMTP_PORT is set[\s\S]*at STEWARD_INBOUND_DOMAIN/,
    );
  });

  it("refuses a domain that is an address or a URL, a port out of range, and the HTTP port", () => {
    expect(() =>
      inbound({ STEWARD_INBOUND_SMTP_PORT: "2525", STEWARD_INBOUND_DOMAIN: "me@example.com" }),
    ).toThrow(/must be a mail domain/);
    expect(() =>
      inbound({ STEWARD_INBOUND_SMTP_PORT: "70000", STEWARD_INBOUND_DOMAIN: "example.com" }),
    ).toThrow(/must be a port from 1 to 65535/);
    expect(() =>
      inbound({ STEWARD_INBOUND_SMTP_PORT: "3000", STEWARD_INBOUND_DOMAIN: "example.com" }),
    ).toThrow(/must differ from PORT/);
  });
});
