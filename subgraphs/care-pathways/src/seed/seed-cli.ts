import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { carePathwaysDataSource } from '../data-source';
import { carePathwaysSeed } from './seed';

runSeedCli(
  'care-pathways',
  () => {
    const config = loadConfig();
    return { dataSource: carePathwaysDataSource(config.database), production: config.production };
  },
  carePathwaysSeed,
);
