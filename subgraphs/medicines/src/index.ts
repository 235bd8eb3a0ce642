import { runSubgraph } from '@cmb/kit';
import { buildMedicinesApp } from './app';
import { loadConfig } from './config';

runSubgraph(() => loadConfig(), buildMedicinesApp);
