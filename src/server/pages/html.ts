import type { FastifyReply } from "fastify";

/**
 * What the public link pages (survey answers, shared success plans) have in common: plain HTML
 * with forms, no script and no cookie, so they work in any mail client's browser; kept out of
 * search engines, referrers and caches; limited per address.
 */

export const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f6f7f9;color:#1f2328;margin:0}
main{max-width:640px;margin:48px auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:32px}
h1{font-size:1.25rem;margin:0 0 8px}p{line-height:1.5}.muted{color:#57606a;font-size:.9rem}
textarea{width:100%;min-height:96px;font:inherit;border:1px solid #c9d1d9;border-radius:6px;padding:8px;box-sizing:border-box}
button{background:#1c7ed6;color:#fff;border:0;border-radius:6px;padding:10px 18px;font:inherit;cursor:pointer;margin-top:12px}
.error{background:#fff5f5;border:1px solid #ffa8a8;color:#c92a2a;padding:8px 12px;border-radius:6px}
.ok{background:#ebfbee;border:1px solid #8ce99a;color:#2b8a3e;padding:8px 12px;border-radius:6px}`;

export function shell(title: string, body: string, style = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${STYLE}${style}</style></head>
<body><main>${body}</main></body></html>`;
}

/** Tokens are 32 random bytes in base64url; anything else is not a link Steward made. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const sendPage = (reply: FastifyReply, status: number, html: string) =>
  reply
    .code(status)
    .header("referrer-policy", "no-referrer")
    .header("x-robots-tag", "noindex, nofollow")
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(html);

/** 30 requests a minute per address and kind of page: a person clicks; a scanner guessing tokens is slowed. */
export const pageRateLimit = (kind: string) => ({
  rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: (req: { ip: string }) => `${kind}:${req.ip}` },
});
