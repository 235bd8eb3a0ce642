// The load scripts only ever target this machine: the gateway URL's host must
// be a loopback address, so a mistyped URL can never load a shared or
// production service.

/** The host of an http(s) URL, lower-cased, without brackets; null when it cannot be read safely. */
export function urlHost(url) {
  const match = /^https?:\/\/([^/?#]*)(?:[/?#]|$)/i.exec(url);
  if (!match) return null;
  const authority = match[1];
  // Credentials before an `@` can disguise the real host: refuse them.
  if (authority.includes('@')) return null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(authority);
  if (bracketed) return bracketed[1].toLowerCase();
  const plain = /^([^:[\]]+)(?::\d{1,5})?$/.exec(authority);
  return plain ? plain[1].toLowerCase() : null;
}

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host) {
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host ?? '');
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/** Null when the URL targets a loopback host, otherwise the reason to refuse it. */
export function refusalOf(url) {
  const host = urlHost(url);
  if (host === null) return `GATEWAY_URL "${url}" is not a plain http(s) URL`;
  if (!isLoopbackHost(host))
    return `GATEWAY_URL host "${host}" is not a loopback address (127.0.0.0/8, localhost, ::1): the load tests only run against this machine`;
  return null;
}
