import type { RetentionReport } from './retention';
import type { VerificationReport } from './verify';

/** The verification report as lines for an operator: one per writer, and its first finding. */
export function verificationLines(report: VerificationReport): string[] {
  const lines: string[] = [];
  for (const w of report.writers) {
    const range = w.firstPosition === null ? 'no events kept' : `events ${w.firstPosition}..${w.lastPosition}`;
    lines.push(`${w.finding ? 'TAMPERED' : 'ok      '} ${w.writerId}: ${range}, ${w.checkpoints} checkpoint(s), ${w.unsealed} unsealed`);
    if (w.finding)
      lines.push(
        `  ${w.finding.kind} at position ${w.finding.position}${w.finding.eventId ? ` (event ${w.finding.eventId}, seq ${w.finding.seq})` : ''}: ${w.finding.detail}`,
      );
  }
  lines.push(
    report.ok
      ? `audit trail intact: ${report.writers.length} writer(s)`
      : `audit trail TAMPERED: ${report.findings.length} writer(s) broken`,
  );
  return lines;
}

/** The retention report as lines for an operator: what each writer lost, and the partitions dropped. */
export function retentionLines(report: RetentionReport): string[] {
  const verb = report.dryRun ? 'would purge' : 'purged';
  const lines = [`retention ${report.dryRun ? '(dry run) ' : ''}of events older than ${report.cutoff}`];
  for (const w of report.writers) {
    if (w.refused)
      lines.push(
        `  REFUSED ${w.writerId}: its chain does not verify (${w.refused.kind} at position ${w.refused.position}); nothing purged, the evidence is kept`,
      );
    else if (w.purged === 0) lines.push(`  ${w.writerId}: nothing to purge`);
    else lines.push(`  ${w.writerId}: ${verb} ${w.purged} event(s), through the checkpoint at position ${w.purgedThrough}`);
  }
  if (report.droppedPartitions.length > 0) lines.push(`  dropped partitions: ${report.droppedPartitions.join(', ')}`);
  if (report.partitionsNote) lines.push(`  partitions: ${report.partitionsNote}`);
  return lines;
}
