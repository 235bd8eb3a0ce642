import { appError } from '../errors/app-error';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than formatting with it. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The day (YYYY-MM-DD) a formatter of the zone gives; every request asks it, so the formatter is built once per zone. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format;
}

/** The last day computed per zone, with the minute it holds for. */
const LAST_DAYS = new Map<string, { minute: number; day: string }>();

/**
 * Today's date in the given IANA time zone (Africa/Casablanca for care dates),
 * as YYYY-MM-DD. Every request asks it, so the day is formatted once per zone
 * and minute (a zone's offset changes on a whole minute, so a day never
 * changes within one).
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = LAST_DAYS.get(timeZone);
  if (last?.minute === minute) return last.day;
  const day = dayFormat(timeZone).format(now);
  LAST_DAYS.set(timeZone, { minute, day });
  return day;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The same day some years later (29 February rolls to 1 March). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Full years between a birth date and a date. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** True for a real calendar day written YYYY-MM-DD (2026-02-30, 2026-13-01 and year 0000, which PostgreSQL has not, are not). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text) || text.startsWith('0000')) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z$/;

/**
 * True for a real instant written as `toISOString` writes it, in UTC, with up
 * to microseconds (what a keyset cursor carries back): `2026-02-30T…` and
 * `…T25:00:00Z` are not, so an impossible one never reaches a date column.
 */
export function isIsoInstant(text: string): boolean {
  const day = ISO_INSTANT.exec(text)?.[1];
  return day !== undefined && isIsoDate(day) && !Number.isNaN(Date.parse(text));
}

/** Normalises a Date or YYYY-MM-DD value to YYYY-MM-DD, refusing impossible dates. */
export function toIsoDate(value: Date | string): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!isIsoDate(text)) throw appError('DATE_MALFORMED');
  return text;
}

/** Refuses a date outside [min, max] with `BAD_USER_INPUT` naming the bounds. */
export function assertDateWithin(date: string, min: string, max: string): string {
  if (date < min || date > max) throw appError('DATE_OUT_OF_RANGE', { min, max });
  return date;
}
