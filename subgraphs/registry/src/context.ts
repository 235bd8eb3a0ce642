import type { Caller } from '@cmb/kit';
import type { RegistryService } from './services/registry-service';

/** Per-request context: the verified caller and the registry's service. */
export interface RegistryContext {
  caller: Caller;
  registry: RegistryService;
}
