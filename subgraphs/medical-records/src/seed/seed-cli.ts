import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { medicalRecordsSeed } from './seed';

runSeedCli(
  'medical-records',
  () => {
    const config = loadConfig();
    return { dataSource: medicalRecordsDataSource(config.database), production: config.production };
  },
  medicalRecordsSeed,
);
