// Where the provisioned tools are cached (k6, Keycloak, helm, the FHIR validator, the deploy checks' venv).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where tools are cached: $CMB_TOOLS_DIR or ~/.cache/cmb-federation/tools. */
export function toolsDir() {
  return process.env.CMB_TOOLS_DIR ?? join(homedir(), '.cache', 'cmb-federation', 'tools');
}
