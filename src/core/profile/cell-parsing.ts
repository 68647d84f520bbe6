/**
 * How text cells are read as typed values. Strict on purpose: `Number("")` is 0 and `Number("0x1F")`
 * is 31, neither of which a data scientist means by a number in a CSV file.
 */
import { DIGIT_0, DIGIT_9, DOT, MAX_EXACT_DIGITS, MINUS, PLUS, POWERS_OF_TEN } from "../data/decimal-bytes.js";

const SPECIAL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ["nan", Number.NaN],
  ["inf", Number.POSITIVE_INFINITY],
  ["+inf", Number.POSITIVE_INFINITY],
  ["-inf", Number.NEGATIVE_INFINITY],
  ["infinity", Number.POSITIVE_INFINITY],
  ["+infinity", Number.POSITIVE_INFINITY],
  ["-infinity", Number.NEGATIVE_INFINITY],
]);

const LOWER_E = 101;

/** A decimal number (`-1.5e3`, `.5`, `7.`), or NaN/±Inf spelled as pandas and numpy write them; otherwise undefined. */
export function parseNumberText(text: string): number | undefined {
  const length = text.length;
  if (length === 0) return undefined;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === PLUS || sign === MINUS) i++;
  // the digits as an integer while it stays exact, so most cells need no second parse
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    mantissa = mantissa * 10 + (code - DIGIT_0);
    digits++;
  }
  if (i < length && text.charCodeAt(i) === DOT) {
    for (i++; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < DIGIT_0 || code > DIGIT_9) break;
      mantissa = mantissa * 10 + (code - DIGIT_0);
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0) return length <= 9 ? SPECIAL_NUMBERS.get(text.toLowerCase()) : undefined;
  if (i === length) {
    // exact operands and one correctly rounded division (Clinger's fast path)
    if (digits <= MAX_EXACT_DIGITS) {
      const magnitude = fractionDigits === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fractionDigits] as number);
      return sign === MINUS ? -magnitude : magnitude;
    }
    return +text;
  }
  if ((text.charCodeAt(i) | 32) !== LOWER_E) return undefined;
  i++;
  const exponentSign = text.charCodeAt(i);
  if (exponentSign === PLUS || exponentSign === MINUS) i++;
  const exponentEnd = skipDigits(text, i);
  return exponentEnd === i || exponentEnd !== length ? undefined : +text;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    i++;
  }
  return i;
}

export function parseBooleanText(text: string): boolean | undefined {
  if (text.length < 4 || text.length > 5) return undefined;
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : undefined;
}

// ISO 8601 dates and date-times: 2024-01-31, 2024-01-31T12:30, 2024-01-31 12:30:00.123Z, …+02:00
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch (UTC when no offset is written), or undefined when not an ISO 8601 date. */
export function parseDateTimeText(text: string): number | undefined {
  if (text.length === 10) return parsePlainDate(text);
  if (text.length < 10 || text.length > 35) return undefined;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    return undefined;
  }
  const utc = utcMillis(Number(year), m, d) + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000;
  if (!isCalendarDay(Number(year), m, d)) return undefined;
  const millis = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return utc + millis - zoneOffsetMinutes(zone) * 60_000;
}

/** `YYYY-MM-DD` without a regular expression: the most common date in data files. */
function parsePlainDate(text: string): number | undefined {
  if (text.charCodeAt(4) !== MINUS || text.charCodeAt(7) !== MINUS) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || !isCalendarDay(year, month, day)) return undefined;
  return utcMillis(year, month, day);
}

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) return -1;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** Milliseconds since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil; years 0–99 included, unlike Date.UTC). */
function utcMillis(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146097 + dayOfEra - 719468) * 86_400_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith("-") ? -minutes : minutes;
}
