import { runSubgraph } from '@cmb/kit';
import { buildRegistryApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildRegistryApp);
