/** What the SVG and the Mermaid chart share: the value axis and how labels are shortened. */

const TICK_INTERVALS = 5;

export interface ValueScale {
  min: number;
  max: number;
  /** from min to max, evenly spaced at a round step */
  ticks: number[];
  /** fraction digits the step needs */
  decimals: number;
}

/**
 * A value axis over the finite values (NaN and ±Infinity are skipped) that always includes 0, so
 * bars start at the baseline, and ends on round ticks. All-zero or no values give 0 to 1.
 */
export function valueScale(values: readonly number[]): ValueScale {
  let low = 0;
  let high = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low === high) high = 1;
  return roundScale(low, high);
}

/** Of the range a line chart's values span, this much is added above and below. */
const LINE_PADDING = 0.1;

/**
 * A value axis for a line chart (a metric across model versions): the finite values' range, padded by a
 * tenth of it each side and widened to round ticks, not stretched to 0, so that 0.91 against 0.93 shows.
 * The padding stops at 0 when no value is negative and at 1 when none is above 1 (a share or a score
 * gets no axis past its bounds). One distinct value gets ±10% of it (±0.5 around 0); none gives 0 to 1.
 */
export function lineScale(values: readonly number[]): ValueScale {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low > high) return roundScale(0, 1);
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  let pad = (high - low) * LINE_PADDING;
  // one distinct value, or a spread lost in rounding: room around the value itself; below 1e-90 (toFixed
  // writes at most 100 decimals) a value counts as 0
  if (!(pad > magnitude * 1e-9 && pad > 1e-90)) pad = magnitude > 1e-90 ? magnitude * LINE_PADDING : 0.5;
  let paddedLow = low - pad;
  let paddedHigh = high + pad;
  if (low >= 0 && paddedLow < 0) paddedLow = 0;
  if (high <= 1 && paddedHigh > 1) paddedHigh = 1;
  return roundScale(paddedLow, paddedHigh);
}

/** low < high: ticks at a round step, from the last one at or below low to the first at or above high. */
function roundScale(low: number, high: number): ValueScale {
  const step = roundStep((high - low) / TICK_INTERVALS);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  // the tolerance keeps 0.8 / 0.05 = 16.000000000000004 from reaching a step further out
  const min = Math.floor(low / step + 1e-9) * step;
  const steps = Math.round((Math.ceil(high / step - 1e-9) * step - min) / step);
  const ticks = Array.from({ length: steps + 1 }, (_, index) => Number((min + index * step).toFixed(decimals)));
  return { min: ticks[0] as number, max: ticks[steps] as number, ticks, decimals };
}

/** 1, 2 or 5 times a power of ten, at least `rough`. */
function roundStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  // the tolerance keeps 0.2 / 0.1 = 2.0000000000000004 at 2
  const factor = (rough / power) * (1 - 1e-9);
  return (factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10) * power;
}

/**
 * At most `max` characters, cut in the middle so both ends survive: labels that share a long
 * prefix (`customer_segment_a`, `customer_segment_b`) or are intervals (`[0.125, 0.25)`) stay distinct.
 */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${characters.slice(0, head).join("")}…${tail > 0 ? characters.slice(-tail).join("") : ""}`;
}
