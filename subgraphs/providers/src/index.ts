import { runSubgraph } from '@cmb/kit';
import { buildProvidersApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildProvidersApp);
