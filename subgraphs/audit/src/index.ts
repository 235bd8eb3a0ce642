import { runSubgraph } from '@cmb/kit';
import { buildAuditApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildAuditApp);
