// `npm run pg`: a throwaway local PostgreSQL cluster for development. Prints
// its URL (use it as PG_URL), and removes everything on Ctrl-C.
import { startPostgres } from './lib/postgres.mjs';

const cluster = await startPostgres({ port: process.env.PG_PORT ? Number(process.env.PG_PORT) : undefined });
console.log(`PostgreSQL ready: ${cluster.url}\n  PG_URL=${cluster.url} npm start\nCtrl-C stops and removes it.`);
const stop = () => {
  cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
