import { printSchemaCli } from '@cmb/kit';
import { buildProvidersSchema } from './app';

printSchemaCli(buildProvidersSchema);
