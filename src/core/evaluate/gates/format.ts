/** How gate outcomes write metrics, sizes and durations in the sentences a person reads. */
import type { MetricName } from "../metrics/registry.js";

/** The metric's name in a sentence (mlgate.yml uses the snake_case name). */
export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  accuracy: "accuracy",
  precision: "precision",
  recall: "recall",
  f1: "F1",
  roc_auc: "ROC AUC",
  average_precision: "average precision",
  log_loss: "log loss",
  brier: "Brier score",
  ece: "ECE",
  f1_macro: "macro F1",
  f1_weighted: "weighted F1",
  rmse: "RMSE",
  mae: "MAE",
  r2: "R²",
  mape: "MAPE",
};

/** A metric value: four decimals (`0.0050`), fewer for large values, exponent form for tiny ones. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 1e-4) return value.toPrecision(2);
  return magnitude < 1000 ? value.toFixed(4) : value.toFixed(1);
}

/** A change, always with its sign: `+0.0123`, `-0.0020`. */
export function formatSigned(value: number): string {
  const text = formatValue(value);
  return value >= 0 && !text.startsWith("+") && !Number.isNaN(value) ? `+${text}` : text;
}

/** A fraction as a percentage without trailing zeros: 0.02 → `2%`, 0.995 → `99.5%`. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/** Bytes in decimal units, three significant digits: `512 B`, `12.3 MB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let scaled = bytes;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  const digits = unit === 0 || Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${Number(scaled.toFixed(digits))} ${units[unit]}`;
}

/** Milliseconds with one decimal: `120.5 ms`. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** The sentence with its first letter capitalised (`accuracy …` → `Accuracy …`). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
