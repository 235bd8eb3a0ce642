import { runSubgraph } from '@cmb/kit';
import { buildBeneficiariesApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildBeneficiariesApp);
