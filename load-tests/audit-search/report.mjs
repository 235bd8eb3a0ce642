// The run's record: machine, store size, the timing table, the plan trimmed
// to its essential nodes, and the RESULTS.md section.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

function run(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Machine, runtime and commit; `load()` reads the load average now. */
export function describeMachine() {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  return {
    nproc: run('nproc', []) ?? String(cpus().length),
    memoryGiB: (totalmem() / 1024 ** 3).toFixed(1),
    cpuModel,
    node: process.version,
    commit: run('git', ['rev-parse', '--short', 'HEAD']) ?? '?',
    dirty: Boolean(run('git', ['status', '--porcelain'])),
    load: () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

const MB = 1024 * 1024;
const mb = (bytes) => `${(bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 0 })} MB`;

/** Size of the events (heap and TOAST of every partition) and of each index, summed over partitions. */
export async function storeSizes(db) {
  const [table] = await db.query(
    "SELECT coalesce(sum(pg_table_size(relid)), 0)::bigint AS bytes, count(*) FILTER (WHERE isleaf)::int AS partitions FROM pg_partition_tree('audit_event') WHERE isleaf",
  );
  const indexes = await db.query(`
    SELECT i.indexrelid::regclass::text AS name, coalesce(sum(pg_relation_size(t.relid)), 0)::bigint AS bytes
    FROM pg_index i, LATERAL pg_partition_tree(i.indexrelid) t
    WHERE i.indrelid = 'audit_event'::regclass AND t.isleaf
    GROUP BY 1 ORDER BY 1`);
  const [count] = await db.query('SELECT count(*)::bigint AS n FROM audit_event');
  const [database] = await db.query('SELECT pg_database_size(current_database())::bigint AS bytes');
  const tableBytes = Number(table.bytes);
  const indexBytes = indexes.reduce((sum, i) => sum + Number(i.bytes), 0);
  const result = {
    events: Number(count.n),
    partitions: table.partitions,
    tableBytes,
    indexes: indexes.map((i) => ({ name: i.name, bytes: Number(i.bytes) })),
    indexBytes,
    databaseBytes: Number(database.bytes),
  };
  result.line = `table ${mb(tableBytes)} + indexes ${mb(indexBytes)} (${result.indexes.map((i) => `${i.name} ${mb(i.bytes)}`).join(', ')}) = ${mb(tableBytes + indexBytes)}; database ${mb(result.databaseBytes)}; ${result.partitions} partitions`;
  return result;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ms = (value) => value.toFixed(1);
const range = ({ median, min, max }) => (min === max ? `${median}` : `${median} (${min}–${max})`);

function timingTable(results) {
  return table(
    [
      'search',
      'how',
      'queries',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'statements per search',
      'rows on the page: median (min–max)',
      'events of the person: median (min–max)',
    ],
    results.map((r) => [
      r.label,
      r.strategyLabel,
      r.queries,
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
      range(r.statements),
      range(r.rows),
      range(r.events),
    ]),
  );
}

/**
 * The plan without its repetition: of the nodes under an Append (one per
 * partition), the first two that ran are kept, the others summed in one line.
 */
export function trimPlan(text) {
  const lines = text.split('\n');
  const indentOf = (line) => line.search(/\S/);
  const isNode = (line) => /^\s*->/.test(line);
  const out = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    out.push(line);
    if (!/^\s*(->\s+)?(Append|Merge Append)\b/.test(line)) continue;
    const own = indentOf(line);
    // Property lines of the Append itself.
    let j = i + 1;
    while (j < lines.length && !isNode(lines[j]) && indentOf(lines[j]) > own) out.push(lines[j++]);
    // Its children: each a node line at the child indent and everything deeper.
    const children = [];
    const childIndent = j < lines.length ? indentOf(lines[j]) : -1;
    while (j < lines.length && indentOf(lines[j]) >= childIndent && indentOf(lines[j]) > own) {
      if (isNode(lines[j]) && indentOf(lines[j]) === childIndent) children.push([]);
      children.at(-1).push(lines[j++]);
    }
    const ran = children.filter((c) => !/never executed/.test(c[0]));
    const kept = (ran.length > 0 ? ran : children).slice(0, 2);
    for (const child of kept) out.push(...child);
    const rest = children.filter((c) => !kept.includes(c));
    if (rest.length > 0) {
      let rows = 0;
      let never = 0;
      let time = 0;
      let hit = 0;
      let read = 0;
      for (const child of rest) {
        const m = /actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/.exec(child[0]);
        if (m) {
          time += Number(m[1]) * Number(m[3]);
          rows += Number(m[2]) * Number(m[3]);
        } else never += 1;
        const buffers = child.find((l) => /Buffers:/.test(l));
        if (buffers) {
          hit += Number(/hit=(\d+)/.exec(buffers)?.[1] ?? 0);
          read += Number(/read=(\d+)/.exec(buffers)?.[1] ?? 0);
        }
      }
      out.push(
        `${' '.repeat(childIndent)}->  … ${rest.length} more partitions like these: ${rows} rows in ${time.toFixed(3)} ms in all${never ? `, ${never} never executed` : ''}; Buffers: shared hit=${hit} read=${read}`,
      );
    }
    i = j - 1;
  }
  // The searched pseudonyms (keyed hashes of synthetic ids) say nothing and take a line each.
  return out.join('\n').replace(/'\{[0-9a-f]{64}(,[0-9a-f]{64})*\}'/g, "'{<pseudonym>}'");
}

/** A statement on one line: the select list elided, the time bounds given after it. */
function statementLine({ sql, params }) {
  return `${sql.replace(/^SELECT .*? FROM/, 'SELECT … FROM')}${params.length > 0 ? `  -- ${params.map(String).join(', ')}` : ''}`;
}

/** Rows, buffers and times of a plan, from its first line and its footer. */
function planSummary(plan) {
  const rows = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(plan)?.[1] ?? '?';
  const buffers = /Buffers: (shared [^\n]+)/.exec(plan)?.[1] ?? 'no buffers';
  const planning = /Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
  return `${rows} rows, ${buffers}, planning ${planning} ms, execution ${execution} ms`;
}

/** Prints the table and the store's figures on stdout. */
export function printTable({ results, sizes, generation, compared, mismatches }) {
  console.log(`\n${timingTable(results)}\n`);
  console.log(`pages compared with the single statement's: ${compared}, different: ${mismatches}`);
  console.log(`store: ${sizes.events.toLocaleString('en-US')} events; ${sizes.line}`);
  if (generation) {
    const t = generation.timings;
    console.log(
      `generation: ${t.load.toFixed(1)} s COPY (${generation.loaders} loaders), ${t.checkpoints.toFixed(1)} s checkpoints, ${t.vacuumAnalyze.toFixed(1)} s VACUUM ANALYZE (migrate ${t.migrate.toFixed(1)} s)`,
    );
  }
}

/** The RESULTS.md section of a run. */
export function resultsSection(context, at) {
  const { machine, loadAtStart, command, plan, generation, sizes, results, explained, settings, reused } = context;
  const stamp = `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
  const setting = (name) => {
    const s = settings.find((x) => x.name === name);
    if (!s) return '?';
    if (s.unit === '8kB') return `${(Number(s.setting) * 8) / 1024} MB`;
    if (s.unit === 'kB') return `${Number(s.setting) / 1024} MB`;
    return s.setting;
  };
  const t = generation?.timings;
  const lines = [
    `## ${stamp}: searching one person's events in the audit store (${sizes.events.toLocaleString('en-US')} events)`,
    '',
    `- machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${setting('server_version')}; load average at the searches' start ${loadAtStart}; shared machine`,
    `- commit: ${machine.commit}${machine.dirty ? ' (working tree had uncommitted changes)' : ''}`,
    `- command: \`${command}\``,
    `- store: ${sizes.events.toLocaleString('en-US')} events over ${plan.persons.toLocaleString('en-US')} synthetic persons, ${plan.months} months from ${new Date(plan.start).toISOString().slice(0, 10)} (${sizes.partitions} partitions: those months, the 12 ahead that \`migrateAuditStore\` makes, the default one), ${plan.writers.length} writers; ${reused ? 'reused (--reuse), generated by an earlier run' : 'generated by this run'}`,
    `- size: ${sizes.line}`,
    t
      ? `- generation: ${t.load.toFixed(0)} s of COPY by ${generation.loaders} parallel loaders (${Math.round(generation.events / t.load).toLocaleString('en-US')} events/s, events chained per writer as the gateway does: body = \`canonicalEvent\`, hash = \`linkHash\`, ${generation.checkpoints.toLocaleString('en-US')} signed checkpoints), ${t.vacuumAnalyze.toFixed(0)} s VACUUM ANALYZE; ${generation.verification ? `\`verifyAuditStore\`: ${generation.verification.ok ? 'every chain and checkpoint holds' : `${generation.verification.findings} finding(s)`} (${generation.verification.seconds.toFixed(0)} s)` : 'not verified in this run (--verify)'}`
      : '- generation: not in this run',
    `- PostgreSQL settings: shared_buffers ${setting('shared_buffers')}, work_mem ${setting('work_mem')}, effective_cache_size ${setting('effective_cache_size')}, random_page_cost ${setting('random_page_cost')}; throwaway cluster on the same machine, fsync off`,
    `- mix: about 0.5% of events name one of 10 heavy persons, 10% one of the first 1% (chronic), the rest anyone; 12% name a second person; ~3% REFUSED, ~0.1% BREAK_GLASS`,
    `- timing: wall time of \`searchAuditEvents(db, { subjects: keyring.pseudonymsOf(nationalId) }, { first: 50 })\` in the same process (pool connection, planning, execution, rows decoded), one search at a time, after ${context.options.warmup} warm-up searches; each person searched both ways in alternating order (so neither always pays the first, uncached reads); events of the person counted afterwards (not timed)`,
    `- pages: ${context.compared} pages of \`searchAuditEvents\` compared with the single statement's: ${context.mismatches === 0 ? 'all the same' : `${context.mismatches} DIFFERENT`}`,
    '',
    timingTable(results),
    '',
  ];
  for (const { label, statements } of explained) {
    // A windowed search: the windows before the last in one line each, the last one's plan in full.
    const last = statements.at(-1);
    const earlier = statements
      .slice(0, -1)
      .map(
        (statement, i) => `- statement ${i + 1} of ${statements.length}: \`${statementLine(statement)}\`: ${planSummary(statement.plan)}`,
      );
    lines.push(
      `Plan for ${label} (\`EXPLAIN (ANALYZE, BUFFERS)\`; partitions that ran alike folded into one line)${earlier.length > 0 ? `, statement ${statements.length} of ${statements.length}; before it:` : ':'}`,
      '',
    );
    if (earlier.length > 0) lines.push(...earlier, '');
    lines.push('```', statementLine(last), '', trimPlan(last.plan), '```', '');
  }
  return lines.join('\n');
}
