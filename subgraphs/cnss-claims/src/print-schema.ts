import { printSchemaCli } from '@cmb/kit';
import { buildCnssClaimsSchema } from './app';

printSchemaCli(buildCnssClaimsSchema);
