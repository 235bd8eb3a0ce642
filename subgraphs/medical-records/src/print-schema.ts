import { printSchemaCli } from '@cmb/kit';
import { buildMedicalRecordsSchema } from './app';

printSchemaCli(buildMedicalRecordsSchema);
