import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { medicinesDataSource } from '../data-source';
import { medicinesSeed } from './seed';

runSeedCli(
  'medicines',
  () => {
    const config = loadConfig();
    return { dataSource: medicinesDataSource(config.database), production: config.production };
  },
  medicinesSeed,
);
