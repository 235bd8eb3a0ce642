import { runSubgraph } from '@cmb/kit';
import { buildMedicalRecordsApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildMedicalRecordsApp);
