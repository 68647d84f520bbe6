/**
 * Before a server is measured: it answers the bench's bodies, and its probabilities are the reference model's
 * (scikit-learn's predict_proba of the same records), so the three servers really serve the same model.
 */
import type { RequestRecord } from "./data.js";

/** largest |P(class 1) − reference| allowed: float32 inference of the same logistic model */
export const CHECK_TOLERANCE = 1e-5;

export interface Verification {
  /** rows compared (the 100-row body and the 1-row body) */
  rows: number;
  /** undefined when the answer's probabilities could not be read */
  maxError?: number;
  /** the first prediction as the server wrote it, shortened */
  sample: string;
  /** the answer's top-level keys */
  keys: string[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET `url` until it answers 200, for up to `timeoutMs`. */
export async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = "";
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready in ${timeoutMs / 1000} s (${last})`);
}

/** POST `body` to `url`, retrying refused connections (a server that printed its URL before it listens) until `timeoutMs`. */
export async function post(url: string, body: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(100);
      continue;
    }
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
}

/** P(class 1) from one prediction, in the shapes a server may write it; undefined when none fits. */
export function positiveProbability(prediction: unknown): number | undefined {
  if (typeof prediction === "number") return prediction;
  if (!prediction || typeof prediction !== "object") return undefined;
  const fields = prediction as Record<string, unknown>;
  for (const key of ["probabilities", "probability", "proba", "scores", "score"]) {
    const value = fields[key];
    if (typeof value === "number") return value;
    if (Array.isArray(value)) return typeof value[1] === "number" ? value[1] : undefined;
    if (value && typeof value === "object") {
      const one = (value as Record<string, unknown>)["1"];
      if (typeof one === "number") return one;
    }
  }
  return undefined;
}

function predictionsOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  const predictions = (answer as { predictions?: unknown } | null)?.predictions;
  if (!Array.isArray(predictions))
    throw new Error(`the answer has no predictions: ${JSON.stringify(answer).slice(0, 300)}`);
  return predictions;
}

/**
 * POSTs the 100 records and the first one alone to `url` and compares every P(class 1) with `reference`
 * (one per record); throws when a server answers wrongly, or its probabilities are not the reference's.
 */
export async function verify(
  url: string,
  records: RequestRecord[],
  reference: readonly number[],
): Promise<Verification> {
  const many = await post(url, JSON.stringify(records));
  const one = await post(url, JSON.stringify(records.slice(0, 1)));
  const manyPredictions = predictionsOf(many);
  const onePredictions = predictionsOf(one);
  if (manyPredictions.length !== records.length || onePredictions.length !== 1) {
    throw new Error(
      `${manyPredictions.length} predictions for ${records.length} records, ${onePredictions.length} for 1 record`,
    );
  }
  const sample = JSON.stringify(manyPredictions[0]).slice(0, 160);
  const keys = many && typeof many === "object" && !Array.isArray(many) ? Object.keys(many) : [];
  const answered = [...manyPredictions, ...onePredictions].map(positiveProbability);
  const expected = [...reference, reference[0] as number];
  if (answered.some((value) => value === undefined)) return { rows: answered.length, sample, keys };
  let maxError = 0;
  answered.forEach((value, i) => {
    maxError = Math.max(maxError, Math.abs((value as number) - (expected[i] as number)));
  });
  if (!(maxError <= CHECK_TOLERANCE)) {
    throw new Error(
      `its probabilities differ from the reference by up to ${maxError.toExponential(2)} (> ${CHECK_TOLERANCE}); first prediction ${sample}`,
    );
  }
  return { rows: answered.length, maxError, sample, keys };
}

/** P(class 1) of each record from a server's answer (for a reference when scikit-learn is missing). */
export async function probabilities(url: string, records: RequestRecord[]): Promise<number[] | undefined> {
  const predictions = predictionsOf(await post(url, JSON.stringify(records)));
  const values = predictions.map(positiveProbability);
  return values.every((value) => value !== undefined) ? (values as number[]) : undefined;
}
