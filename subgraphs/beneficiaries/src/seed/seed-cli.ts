import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from './seed';

runSeedCli(
  'beneficiaries',
  () => {
    const config = loadConfig();
    return { dataSource: beneficiariesDataSource(config.database), production: config.production };
  },
  beneficiariesSeed,
);
