// One visit of a contestant: warm-up then throughput at saturation (closed
// loop, fixed VUs), warm-up then latency at a fixed arrival rate; CPU time of
// the contestant, of each subgraph and of PostgreSQL, and the SQL statements
// each subgraph's database ran, read before and after each measured run.
import { cpuSeconds, peakRssMb, treeCpu, treeCpuDelta } from './proc.mjs';
import { runK6 } from './k6-run.mjs';
import { watchMachine } from './machine-stalls.mjs';
import { describeStalls, readGatewayTimings, timingsBetween } from '../../profile/gateway-timings.mjs';
import { statementDelta } from './statements.mjs';

async function snapshot(pid, setup) {
  const postgresPid = setup.postgresPid();
  return {
    contestant: cpuSeconds(pid),
    subgraphs: Object.fromEntries(Object.entries(setup.subgraphPids).map(([name, subgraphPid]) => [name, cpuSeconds(subgraphPid)])),
    postgres: postgresPid ? treeCpu(postgresPid) : null,
    statements: setup.statements ? await setup.statements.read() : null,
  };
}

/** Per response: CPU ms of the contestant, each subgraph and PostgreSQL, and SQL statements per database. */
function perResponse(before, after, responses) {
  const per = (value) => (responses > 0 ? value / responses : null);
  return {
    cpuMsPerRequest: per((after.contestant - before.contestant) * 1000),
    subgraphCpuMs: Object.fromEntries(
      Object.keys(after.subgraphs).map((name) => [name, per((after.subgraphs[name] - before.subgraphs[name]) * 1000)]),
    ),
    postgresCpuMs: after.postgres ? per(treeCpuDelta(before.postgres, after.postgres) * 1000) : null,
    statements: after.statements
      ? Object.fromEntries([...statementDelta(before.statements, after.statements)].map(([db, calls]) => [db, per(calls)]))
      : null,
  };
}

/** Seconds a request signed ahead stays valid beyond the run it is signed for (k6's start, graceful stop). */
const SIGNED_AHEAD_SLACK_SECONDS = 30;

/**
 * What k6 needs of a contestant for one run of `duration` seconds, asked just
 * before it: the headers of each client, and the requests signed ahead (the floor).
 */
export async function runInputs(contestant, duration) {
  const signedRequestsPath = contestant.signedRequests
    ? await contestant.signedRequests({ validForSeconds: duration + SIGNED_AHEAD_SLACK_SECONDS, duration })
    : null;
  return { headers: await contestant.clientHeaders(), ...(signedRequestsPath && { signedRequestsPath }) };
}

/**
 * `setup`: { k6, workloadPath, vus, rate, duration, warmup, subgraphPids,
 * postgresPid(), statements, log }. `contestant`: { id, url, pid, queryKind, clientHeaders(), signedRequests?() }.
 */
export async function measureVisit(contestant, setup) {
  const common = { k6: setup.k6, url: contestant.url, queryKind: contestant.queryKind, workloadPath: setup.workloadPath };
  const run = async (options) => runK6({ ...common, ...options, ...(await runInputs(contestant, options.duration)) });

  if (setup.warmup > 0) await run({ executor: 'closed', vus: setup.vus, duration: setup.warmup });
  const closedInputs = await runInputs(contestant, setup.duration);
  let before = await snapshot(contestant.pid, setup);
  const closed = await runK6({ ...common, executor: 'closed', vus: setup.vus, duration: setup.duration, ...closedInputs });
  let after = await snapshot(contestant.pid, setup);
  const closedPer = perResponse(before, after, closed.requests);

  if (setup.warmup > 0) await run({ executor: 'rate', rate: setup.rate, duration: setup.warmup });
  const rateInputs = await runInputs(contestant, setup.duration);
  before = await snapshot(contestant.pid, setup);
  const rate = await runK6({ ...common, executor: 'rate', rate: setup.rate, duration: setup.duration, ...rateInputs });
  after = await snapshot(contestant.pid, setup);
  const ratePer = perResponse(before, after, rate.requests);

  return {
    closed: { ...closed, ...closedPer },
    rate: { ...rate, ...ratePer },
    peakRssMb: peakRssMb(contestant.pid),
  };
}

/**
 * Latency only (the --scale study): warm-up, then the fixed-rate run, with
 * what the machine did meanwhile (`machine-stalls.mjs`) and, from the
 * gateway's own histograms, where its operations over 100 ms waited.
 */
export async function measureLatency(contestant, setup) {
  const common = { k6: setup.k6, url: contestant.url, queryKind: contestant.queryKind, workloadPath: setup.workloadPath };
  if (setup.warmup > 0)
    await runK6({ ...common, executor: 'rate', rate: setup.rate, duration: setup.warmup, ...(await runInputs(contestant, setup.warmup)) });
  const inputs = await runInputs(contestant, setup.duration);
  const before = cpuSeconds(contestant.pid);
  const timingsBefore = await readGatewayTimings(contestant.metricsUrl);
  const watch = watchMachine();
  let rate;
  let machine;
  try {
    rate = await runK6({ ...common, executor: 'rate', rate: setup.rate, duration: setup.duration, ...inputs });
  } finally {
    machine = watch.stop();
  }
  const cpu = cpuSeconds(contestant.pid) - before;
  return {
    ...rate,
    cpuMsPerRequest: rate.requests > 0 ? (cpu * 1000) / rate.requests : null,
    peakRssMb: peakRssMb(contestant.pid),
    machine,
    stalls: describeStalls(timingsBetween(timingsBefore, await readGatewayTimings(contestant.metricsUrl), rate.requests)),
  };
}
