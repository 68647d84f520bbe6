/**
 * HyperLogLog with 2^12 registers: a distinct-count estimate with a standard error of
 * 1.04/√4096 ≈ 1.6%. Merging takes the register-wise maximum, so it is exactly associative and
 * commutative. Small cardinalities use linear counting (Flajolet et al. 2007; Heule et al. 2013).
 */

const PRECISION = 12;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
export const DISTINCT_STANDARD_ERROR = 1.04 / Math.sqrt(REGISTERS);

const float = new Float64Array(1);
const words = new Int32Array(float.buffer);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hashNumber(value: number): number {
  float[0] = value === 0 ? 0 : value; // -0 and 0 are the same value
  return mix((words[0] as number) ^ mix((words[1] as number) + 0x9e3779b9));
}

export function hashString(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h);
}

export class DistinctSketch {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(REGISTERS);
  }

  addHash(hash: number): void {
    const slot = hash >>> (32 - PRECISION);
    const rank = Math.clz32((hash << PRECISION) | (1 << (PRECISION - 1))) + 1;
    if (rank > (this.registers[slot] as number)) this.registers[slot] = rank;
  }

  merge(other: DistinctSketch): void {
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < REGISTERS; i++) if ((theirs[i] as number) > (mine[i] as number)) mine[i] = theirs[i] as number;
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (const register of this.registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }

  toState(): string {
    return Buffer.from(this.registers).toString("base64");
  }

  static fromState(state: string): DistinctSketch | undefined {
    const bytes = Buffer.from(state, "base64");
    return bytes.length === REGISTERS ? new DistinctSketch(new Uint8Array(bytes)) : undefined;
  }
}
