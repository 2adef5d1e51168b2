// Times of the API are RFC 3339 instants; people read and type them in Swedish time
// (Europe/Stockholm), wherever the browser's clock is set. Dates (due_on) are YYYY-MM-DD.
import type { Lang } from './i18n';

export const timeZone = 'Europe/Stockholm';

function locale(lang: Lang): string {
  return lang === 'sv' ? 'sv-SE' : 'en-GB';
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, kind: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lang}/${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : kind === 'date'
          ? { dateStyle: 'medium' }
          : { timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "1 dec. 2026 20:00" in Swedish time; the text as it is when it is not a time. */
export function formatDateTime(lang: Lang, iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format(lang, 'dateTime').format(ms);
}

/** "20:00" in Swedish time. */
export function formatTime(lang: Lang, iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format(lang, 'time').format(ms);
}

/** A calendar date "YYYY-MM-DD" in words ("1 dec. 2026"). */
export function formatDate(lang: Lang, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  // Noon UTC is the same calendar day in Stockholm.
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return format(lang, 'date').format(ms);
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const wallFormat = new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock time in Stockholm of an instant. */
function wallTime(ms: number): Wall & { second: number } {
  const parts = wallFormat.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far Stockholm is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number): number {
  const w = wallTime(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of a wall-clock time in Stockholm (the later one in the autumn's repeated hour). */
function instantOf(w: Wall): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The value of an <input type="datetime-local"> ("2026-12-01T20:00"), read as Swedish time, as an
 * RFC 3339 instant ("2026-12-01T19:00:00.000Z"); null when it is not such a value.
 */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const ms = instantOf({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
  });
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** An RFC 3339 instant as the value of an <input type="datetime-local"> in Swedish time. */
export function isoToLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const w = wallTime(ms);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today's date in Stockholm, "YYYY-MM-DD". */
export function today(now = Date.now()): string {
  const w = wallTime(now);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** A date `days` after "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const ms = Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days, 12);
  const out = new Date(ms);
  return `${out.getUTCFullYear()}-${pad(out.getUTCMonth() + 1)}-${pad(out.getUTCDate())}`;
}

/** Midnight at the start of today in Stockholm, as an RFC 3339 instant. */
export function startOfToday(now = Date.now()): string {
  const w = wallTime(now);
  const ms = instantOf({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 });
  return new Date(ms).toISOString();
}

/** A valid calendar date "YYYY-MM-DD". */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1;
}
