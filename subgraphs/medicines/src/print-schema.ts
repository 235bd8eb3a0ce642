import { printSchemaCli } from '@cmb/kit';
import { buildMedicinesSchema } from './app';

printSchemaCli(buildMedicinesSchema);
