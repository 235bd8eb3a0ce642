import { runSubgraph } from '@cmb/kit';
import { buildCarePathwaysApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildCarePathwaysApp);
