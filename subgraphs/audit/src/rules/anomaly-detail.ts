import type { AuditAnomaly } from '@cmb/audit-store';

/** What an officer reads of an anomaly, in French and in English: counts and thresholds only, never a person. */
export function anomalyDetail(
  anomaly: AuditAnomaly,
  settings: { refusedBurst: { withinMinutes: number }; offHours: { startHour: number; endHour: number; timeZone: string } },
): { fr: string; en: string } {
  const hours = (h: number) => `${String(h).padStart(2, '0')}:00`;
  switch (anomaly.kind) {
    case 'VOLUME_ABOVE_BASELINE':
      return {
        fr: `${anomaly.observed} personnes distinctes lues en une journée, pour une moyenne habituelle de ${anomaly.baseline ?? 0} par jour (seuil ${anomaly.threshold}).`,
        en: `${anomaly.observed} distinct persons read in one day, against a usual average of ${anomaly.baseline ?? 0} a day (threshold ${anomaly.threshold}).`,
      };
    case 'OFF_HOURS_ACCESS': {
      const nights = anomaly.nights ?? 1;
      const span = `${hours(settings.offHours.startHour)}-${hours(settings.offHours.endHour)}`;
      return {
        fr: `${anomaly.observed} accès entre ${span} (heure de ${settings.offHours.timeZone}) sur ${nights} nuit${nights > 1 ? 's' : ''}.`,
        en: `${anomaly.observed} accesses between ${span} (${settings.offHours.timeZone} time) over ${nights} night${nights > 1 ? 's' : ''}.`,
      };
    }
    case 'REFUSED_BURST':
      return {
        fr: `${anomaly.observed} accès refusés en rafale : au moins ${anomaly.threshold} en ${settings.refusedBurst.withinMinutes} minutes.`,
        en: `${anomaly.observed} refused accesses in a burst: at least ${anomaly.threshold} within ${settings.refusedBurst.withinMinutes} minutes.`,
      };
  }
}
