import { runSeedCli } from '@cmb/kit';
import { loadConfig } from '../config';
import { cnssClaimsDataSource } from '../data-source';
import { cnssClaimsSeed } from './seed';

runSeedCli(
  'cnss-claims',
  () => {
    const config = loadConfig();
    return { dataSource: cnssClaimsDataSource(config.database), production: config.production };
  },
  cnssClaimsSeed,
);
