import type { HttpStep } from '../steps';

/** What the consoles send beyond the CORS-safelisted headers: the token and the JSON body's type. */
const ALLOWED_HEADERS = 'authorization, content-type, accept-language, x-request-id';
/** What the consoles may read of an answer beyond the safelisted headers. */
const EXPOSED_HEADERS = 'x-request-id, retry-after';
/** How long a browser may keep a preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for the web consoles' one origin (`CONSOLE_ORIGIN`), and no other:
 * an answer to that origin names it in `Access-Control-Allow-Origin`; the
 * preflight of a `POST /graphql` from it is answered here (204), before any
 * token is read. Any other origin gets no CORS header, so the browser keeps
 * the answer from its page. No cookie is ever allowed (the token is a header).
 */
export function allowConsoleOrigin(consoleOrigin: string | null): HttpStep {
  return ({ req, res }) => {
    if (!consoleOrigin) return;
    res.setHeader('vary', 'Origin');
    if (req.headers.origin !== consoleOrigin) return;
    res.setHeader('access-control-allow-origin', consoleOrigin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    const route = (req.url ?? '/').split('?')[0];
    if (req.method !== 'OPTIONS' || route !== '/graphql') return;
    res.writeHead(204, {
      'access-control-allow-methods': 'POST, GET',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
    });
    res.end();
  };
}
