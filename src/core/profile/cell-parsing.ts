/**
 * How text cells are read as typed values. Strict on purpose: `Number("")` is 0 and `Number("0x1F")`
 * is 31, neither of which a data scientist means by a number in a CSV file.
 */

const SPECIAL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ["nan", Number.NaN],
  ["inf", Number.POSITIVE_INFINITY],
  ["+inf", Number.POSITIVE_INFINITY],
  ["-inf", Number.NEGATIVE_INFINITY],
  ["infinity", Number.POSITIVE_INFINITY],
  ["+infinity", Number.POSITIVE_INFINITY],
  ["-infinity", Number.NEGATIVE_INFINITY],
]);

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const LOWER_E = 101;

/** A decimal number (`-1.5e3`, `.5`, `7.`), or NaN/±Inf spelled as pandas and numpy write them; otherwise undefined. */
export function parseNumberText(text: string): number | undefined {
  const length = text.length;
  if (length === 0) return undefined;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === PLUS || sign === MINUS) i++;
  const integerEnd = skipDigits(text, i);
  let digits = integerEnd - i;
  i = integerEnd;
  if (i < length && text.charCodeAt(i) === DOT) {
    const fractionEnd = skipDigits(text, i + 1);
    digits += fractionEnd - i - 1;
    i = fractionEnd;
  }
  if (digits === 0) return length <= 9 ? SPECIAL_NUMBERS.get(text.toLowerCase()) : undefined;
  if (i < length && (text.charCodeAt(i) | 32) === LOWER_E) {
    i++;
    const exponentSign = text.charCodeAt(i);
    if (exponentSign === PLUS || exponentSign === MINUS) i++;
    const exponentEnd = skipDigits(text, i);
    if (exponentEnd === i) return undefined;
    i = exponentEnd;
  }
  return i === length ? +text : undefined;
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
  if (text.length < 10 || text.length > 35) return undefined;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    return undefined;
  }
  const utc = Date.UTC(Number(year), m - 1, d, Number(hour), Number(minute), Number(second));
  if (new Date(utc).getUTCDate() !== d) return undefined;
  const millis = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return utc + millis - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith("-") ? -minutes : minutes;
}
