import { runSubgraph } from '@cmb/kit';
import { buildCnssClaimsApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildCnssClaimsApp);
