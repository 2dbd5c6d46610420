/**
 * Browser mode's access token, as notebook servers do it: a random token made at each launch and printed in the
 * address (http://127.0.0.1:PORT/?token=…). The first request that carries it is answered with an HttpOnly,
 * SameSite=Strict cookie and a redirect to the same page without the token (so it stays out of the address bar
 * and the history); every later request must carry the cookie, or the token in the X-ReductionLab-Token header
 * (scripts, tests). Other local users and processes — which can reach 127.0.0.1 but cannot read this user's
 * terminal or browser profile — get 401 and can neither read nor clear anyone's sessions.
 *
 * The cookie is named after the port: cookies are not separated by port, and two servers on one machine must not
 * overwrite each other's.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-reductionlab-token';

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const cookieName = (port: number): string => `reductionlab-${port}`;

/** The Set-Cookie value that grants this browser access until it closes (a session cookie). */
export function authCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Constant-time comparison of a presented token with the server's. */
export function sameToken(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string' || presented.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(token));
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Does the request carry the token (cookie or header)? */
export function authorised(req: IncomingMessage, port: number, token: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && sameToken(header, token)) return true;
  return sameToken(cookieValue(req, cookieName(port)), token);
}

/** The page a browser gets without the token: where to find the right address. */
export const UNAUTHORISED_PAGE = `<!doctype html><meta charset="utf-8"><title>ReductionLab</title>
<body style="font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.5">
<h1>ReductionLab</h1><p>This address needs the access token the server printed when it started: open the full
address shown in its terminal (it ends with <code>?token=…</code>), or restart it with <code>npm start</code>.</p></body>`;
