/** Where the consoles find the identity provider and the gateway: served by the consoles' server as /config.json. */
export interface ConsoleConfig {
  /** The realm's issuer URL (the gateway's AUTH_ISSUER). */
  issuer: string;
  /** The gateway's `/graphql` URL. */
  gatewayUrl: string;
}

let loaded: ConsoleConfig | null = null;

/** Reads /config.json once. */
export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const answer = await fetch('/config.json', { cache: 'no-store' });
  if (!answer.ok) throw new Error('config.json');
  const body = (await answer.json()) as Partial<ConsoleConfig>;
  if (typeof body.issuer !== 'string' || typeof body.gatewayUrl !== 'string') throw new Error('config.json');
  loaded = { issuer: body.issuer, gatewayUrl: body.gatewayUrl };
  return loaded;
}

/** The configuration read at start. */
export function consoleConfig(): ConsoleConfig {
  if (!loaded) throw new Error('the configuration is read before the page renders');
  return loaded;
}
