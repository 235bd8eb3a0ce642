import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { providersDataSource } from '../data-source';
import { providersSeed } from './seed';

runSeedCli(
  'providers',
  () => {
    const config = loadConfig();
    return { dataSource: providersDataSource(config.database), production: config.production };
  },
  providersSeed,
);
