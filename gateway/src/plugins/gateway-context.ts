import type { Language } from '@cmb/kit';

/** Per-request context of the gateway. */
export interface GatewayContext {
  requestId: string;
  language: Language;
}
