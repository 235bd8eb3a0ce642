import type { RegistryRules } from './facts';

/** What a publish or check names. */
export interface PublishInput {
  name: string;
  routingUrl: string;
  sdl: string;
}

/** What is wrong with an input field: the field and what it expects (never the value sent). */
export interface InputProblem {
  field: string;
  expected: string;
}

/** A subgraph name: lower-case letters, digits and dashes, starting with a letter (`cnss-claims`). */
const NAME = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** Whether a routing URL's host is one the registry routes to (`*` allows any). */
function allowedHost(host: string, allowed: readonly string[]): boolean {
  return allowed.includes('*') || allowed.includes(host.toLowerCase());
}

/** The subgraph name's problem, or null. */
export function nameProblem(name: string): InputProblem | null {
  return NAME.test(name) ? null : { field: 'name', expected: '3 to 40 lower-case letters, digits or dashes, starting with a letter' };
}

/**
 * The first problem of a publish's input, or null: a well-formed name; an
 * http(s) routing URL, bounded, to a host the registry routes to (so no
 * publish points the gateways at an arbitrary internal service); an SDL that
 * is not empty and within the size composition is given. Whether the SDL
 * parses and composes is for the checks.
 */
export function publishInputProblem(
  input: PublishInput,
  rules: Pick<RegistryRules, 'maxSdlBytes' | 'maxRoutingUrlLength' | 'allowedRoutingHosts'>,
): InputProblem | null {
  const name = nameProblem(input.name);
  if (name) return name;
  let url: URL | null;
  try {
    url = input.routingUrl.length <= rules.maxRoutingUrlLength ? new URL(input.routingUrl) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    return { field: 'routingUrl', expected: `an http(s) URL of at most ${rules.maxRoutingUrlLength} characters, without credentials` };
  }
  if (!allowedHost(url.hostname, rules.allowedRoutingHosts)) {
    return { field: 'routingUrl', expected: `a host the registry routes to (${rules.allowedRoutingHosts.join(', ')})` };
  }
  const bytes = Buffer.byteLength(input.sdl, 'utf8');
  if (bytes === 0 || bytes > rules.maxSdlBytes) return { field: 'sdl', expected: `an SDL of 1 to ${rules.maxSdlBytes} bytes` };
  return null;
}
