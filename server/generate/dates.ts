// Dates as integer day numbers (days since 1970-01-01, proleptic Gregorian), so the
// generator never touches Date, time zones or the clock. Months are indexed as
// year * 12 + (month - 1).

/** Day number of a civil date (H. Hinnant's days_from_civil). */
export function day(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civil(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const isoCache = new Map<number, string>();

/** YYYY-MM-DD, cached: extracts use a few thousand distinct days. */
export function iso(n: number): string {
  let s = isoCache.get(n);
  if (s === undefined) {
    const [y, m, d] = civil(n);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    isoCache.set(n, s);
  }
  return s;
}

export const yearOf = (n: number): number => civil(n)[0];

export const monthIndex = (n: number): number => {
  const [y, m] = civil(n);
  return y * 12 + m - 1;
};

export const firstOfMonth = (mi: number): number => day(Math.floor(mi / 12), (mi % 12) + 1, 1);

/** YYYY-MM of a month index. */
export const monthIso = (mi: number): string => `${Math.floor(mi / 12)}-${pad2((mi % 12) + 1)}`;

/** Same day-of-month `months` later, clamped to the month's last day. */
export function addMonths(n: number, months: number): number {
  const [y, m, d] = civil(n);
  const mi = y * 12 + m - 1 + months;
  const ny = Math.floor(mi / 12);
  const nm = (mi % 12) + 1;
  const last = day(nm === 12 ? ny + 1 : ny, nm === 12 ? 1 : nm + 1, 1) - 1;
  return Math.min(day(ny, nm, d), last);
}

export function daysInMonth(y: number, m: number): number {
  return day(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - day(y, m, 1);
}
