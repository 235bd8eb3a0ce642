/** A day of the calendar (UTC) as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Anomalies counted per day of their start, for every day from `from` to `to`
 * inclusive (days without any included, so a chart shows time as it went).
 */
export function anomaliesPerDay(anomalies: readonly { windowStart: string }[], from: string, to: string): { day: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const anomaly of anomalies) {
    const day = anomaly.windowStart.slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const days: { day: string; count: number }[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); isoDay(day) <= to; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push({ day: isoDay(day), count: counts.get(isoDay(day)) ?? 0 });
  }
  return days;
}
