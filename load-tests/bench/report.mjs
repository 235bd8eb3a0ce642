// The text of a comparison run: the tables for stdout, and the dated
// RESULTS.md section with how the numbers were made.
import { resultsTable, upstreamTable } from './measure/table.mjs';
import { CARE_DATE, FLOOR_QUERY, GATEWAY_QUERY, PERSONA_SHARE, PROVIDERS } from './mix.mjs';
import { runHeader } from './results.mjs';

/** `{ id, text, markdown }` of a comparison run. */
export function comparisonReport({
  options,
  info,
  storage,
  contestants,
  ctx,
  statements,
  verification,
  failures,
  summaries,
  facade = null,
}) {
  const table = resultsTable(summaries, { rate: options.rate });
  const ratio = ({ median, min, max }) =>
    median === null ? 'n/a' : min === max ? `${median.toFixed(2)}×` : `${median.toFixed(2)}× (${min.toFixed(2)}–${max.toFixed(2)})`;
  const facadeLine = facade
    ? `FHIR facade / GraphQL path of the same gateway, in this run (${facade.passes} pass${facade.passes > 1 ? 'es' : ''}): req/s at saturation ${ratio(facade.rps)}, CPU ms/req ${ratio(facade.cpu)}, p50 at ${options.rate}/s ${ratio(facade.p50)}.`
    : null;
  const upstream = upstreamTable(summaries);
  const notes = [
    `- workload: the full eligibility decision through the gateways (beneficiaries → providers → care-pathways, which reads the provider's registry facts → beneficiaries; the providers fetch answered from our gateway's shared answers once a provider has checked): \`${GATEWAY_QUERY.replace(/^query \w+\(\$input: EligibilityInput!\) /, '')}\`; the floor asks the beneficiaries subgraph \`${FLOOR_QUERY.replace(/^query \w+\(\$input: EligibilityInput!\) /, '')}\` (one hop, no decision, no other subgraph).`,
    `- mix: ${Math.round(PERSONA_SHARE * 100)}% personas (test/fixtures/personas.json), the rest random generated persons of the ${options.persons.toLocaleString('en-US')} seeded at ${PROVIDERS.map((p) => `${p.inpe} (${p.careType})`).join(', ')}; care date ${CARE_DATE}.`,
    `- runs: per contestant and pass, a ${options.warmup} s warm-up, then ${options.duration} s closed loop with ${options.vus} VUs (req/s, CPU at saturation), a ${options.warmup} s warm-up, then ${options.duration} s at a constant arrival rate of ${options.rate}/s (k6 \`constant-arrival-rate\`: latency, CPU at that rate); ${options.passes} pass${options.passes > 1 ? 'es' : ''} in alternating order (${contestants.map((c) => c.id).join(' → ')}, then back). Medians across passes, (min–max) across passes; ratios are taken per pass, then the median.`,
    `- CPU ms/req: utime+stime of the contestant's process (/proc/<pid>/stat) over the run ÷ requests served; for the floor it is the beneficiaries subgraph process itself. Peak RSS: VmHWM of the process at the end.`,
    `- subgraph context: ${ctx.contextKey ? `the subgraphs accept only a caller context signed with the gateway's private key (ES256, key \`${ctx.contextKey.keyId}\`), bound to the target subgraph, the SHA-256 of the body and a 10 s expiry: every gateway signs each subgraph request (our gateway for its caller, the peers for one fixed caller, by the kit's own signing code, so every contestant pays one signature per subgraph call and each subgraph one verification); the floor's requests are signed before each run (one per request the run can make, drawn from the mix, valid for that run, each posted once since a subgraph takes a context once), so k6 pays no signature` : 'the subgraphs accept unsigned requests (no signed-context mode in this build)'}.`,
    ...(ctx.issuer
      ? [
          `- tokens: each request to our gateway (auth on) carries the asking client's own bearer token (client credentials from the embedded development issuer, RS256, one realm client per provider: ${ctx.clients.join(', ')}; fetched before every run); the other contestants get no token.`,
        ]
      : []),
    `- errors: a response that is not HTTP 200, carries \`errors\` (FHIR: is an OperationOutcome or a partial response), or lacks the expected field. †: k6 dropped requests at the fixed rate (the contestant could not sustain ${options.rate}/s on this machine at that moment): that latency measures queueing, not service time.`,
  ];
  const upstreamNote = statements
    ? "Upstream work per response at saturation (medians): SQL statements run by each subgraph's database (pg_stat_statements, top-level, utility statements excluded), CPU ms of each subgraph process and of PostgreSQL (postmaster and backends). Equal statements per response mean every contestant did the same upstream work; a peer merging requests would show fewer."
    : 'Upstream work per response at saturation (medians): CPU ms of each subgraph process (SQL statement counts need PostgreSQL storage).';
  const failed = [...failures].map(([id, message]) => `- **${id} failed**: ${message}`);
  const when = new Date();
  const markdown = [
    `## ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC: gateway benchmark (${options.storage}, ${options.persons.toLocaleString('en-US')} persons)`,
    '',
    runHeader(info, {
      built: options.build,
      command: options.command,
      storage: `${options.storage}${storage.seed.reused ? ' (reused dataset)' : ' (seeded for this run)'}`,
      persons: `${options.persons.toLocaleString('en-US')} persons plus the personas`,
    }),
    ...notes,
    ...(verification.warnings.length
      ? [`- verification warnings: ${verification.warnings.length} (same outcome, other fields differ), e.g. ${verification.warnings[0]}`]
      : []),
    ...failed,
    '',
    table,
    ...(facadeLine ? ['', facadeLine] : []),
    '',
    upstreamNote,
    '',
    upstream,
  ].join('\n');
  return {
    id: `comparison-${when.toISOString()}`,
    text: [`\n${table}`, ...(facadeLine ? [facadeLine] : []), upstreamNote, upstream, ...failed].join('\n\n') + '\n',
    markdown,
  };
}
