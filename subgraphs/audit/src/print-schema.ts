import { printSchemaCli } from '@cmb/kit';
import { buildAuditSchema } from './app';

printSchemaCli(buildAuditSchema);
