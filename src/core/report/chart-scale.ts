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
  const step = roundStep((high - low) / TICK_INTERVALS);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const min = Math.floor(low / step) * step;
  const steps = Math.round((Math.ceil(high / step) * step - min) / step);
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
