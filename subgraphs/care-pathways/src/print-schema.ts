import { printSchemaCli } from '@cmb/kit';
import { buildCarePathwaysSchema } from './app';

printSchemaCli(buildCarePathwaysSchema);
