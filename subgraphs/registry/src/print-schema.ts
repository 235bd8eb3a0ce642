import { printSchemaCli } from '@cmb/kit';
import { buildRegistrySchema } from './app';

printSchemaCli(buildRegistrySchema);
