import { printSchemaCli } from '@cmb/kit';
import { buildBeneficiariesSchema } from './app';

printSchemaCli(buildBeneficiariesSchema);
