/**
 * Prometheus metrics in the text exposition format (0.0.4): counters, gauges and histograms with
 * labels. Series are bound once (`series(labels)`) so the request path only adds numbers. A
 * snapshot is plain JSON, so the workers of one server can be summed into one scrape.
 */

type Labels = Readonly<Record<string, string>>;
type Kind = "counter" | "gauge" | "histogram";

interface SeriesState {
  labels: Labels;
  value: number;
  /** histograms: per-bucket counts (not cumulative), then sum and count */
  buckets?: number[];
  sum?: number;
}

export interface FamilySnapshot {
  name: string;
  help: string;
  kind: Kind;
  /** gauges from several workers: added (in-flight requests) or the highest (the model version) */
  merge: "sum" | "max";
  bounds?: number[];
  series: SeriesState[];
}

export class Family {
  private readonly series = new Map<string, SeriesState>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: Kind,
    readonly merge: "sum" | "max" = "sum",
    readonly bounds?: readonly number[],
  ) {}

  /** The series for these labels, created at zero. */
  bind(labels: Labels = {}): Series {
    const key = labelKey(labels);
    let state = this.series.get(key);
    if (!state) {
      state = {
        labels,
        value: 0,
        ...(this.bounds ? { buckets: new Array(this.bounds.length + 1).fill(0), sum: 0 } : {}),
      };
      this.series.set(key, state);
    }
    return new Series(state, this.bounds);
  }

  /** Drops every series (a gauge whose label set changed, such as the served version). */
  clear(): void {
    this.series.clear();
  }

  snapshot(): FamilySnapshot {
    return {
      name: this.name,
      help: this.help,
      kind: this.kind,
      merge: this.merge,
      ...(this.bounds ? { bounds: [...this.bounds] } : {}),
      series: [...this.series.values()].map((state) => ({
        ...state,
        ...(state.buckets ? { buckets: [...state.buckets] } : {}),
      })),
    };
  }
}

export class Series {
  constructor(
    private readonly state: SeriesState,
    private readonly bounds?: readonly number[],
  ) {}

  inc(by = 1): void {
    this.state.value += by;
  }

  set(value: number): void {
    this.state.value = value;
  }

  observe(value: number): void {
    const bounds = this.bounds as readonly number[];
    let bucket = 0;
    while (bucket < bounds.length && value > (bounds[bucket] as number)) bucket++;
    const buckets = this.state.buckets as number[];
    buckets[bucket] = (buckets[bucket] as number) + 1;
    this.state.sum = (this.state.sum as number) + value;
    this.state.value++;
  }
}

export class MetricsRegistry {
  private readonly families: Family[] = [];

  counter(name: string, help: string): Family {
    return this.add(new Family(name, help, "counter"));
  }

  gauge(name: string, help: string, merge: "sum" | "max" = "sum"): Family {
    return this.add(new Family(name, help, "gauge", merge));
  }

  histogram(name: string, help: string, bounds: readonly number[]): Family {
    return this.add(new Family(name, help, "histogram", "sum", bounds));
  }

  snapshot(): FamilySnapshot[] {
    return this.families.map((family) => family.snapshot());
  }

  private add(family: Family): Family {
    this.families.push(family);
    return family;
  }
}

/** Several workers' snapshots as one: series with equal labels are added (or the highest kept). */
export function mergeSnapshots(snapshots: readonly FamilySnapshot[][]): FamilySnapshot[] {
  const merged = new Map<string, FamilySnapshot>();
  for (const families of snapshots) {
    for (const family of families) {
      const into = merged.get(family.name);
      if (!into) {
        merged.set(family.name, { ...family, series: family.series.map((state) => ({ ...state })) });
        continue;
      }
      for (const state of family.series) {
        const same = into.series.find((each) => labelKey(each.labels) === labelKey(state.labels));
        if (!same) into.series.push({ ...state });
        else if (family.merge === "max") same.value = Math.max(same.value, state.value);
        else {
          same.value += state.value;
          if (same.buckets && state.buckets) {
            same.buckets = same.buckets.map((count, i) => count + (state.buckets?.[i] ?? 0));
            same.sum = (same.sum ?? 0) + (state.sum ?? 0);
          }
        }
      }
    }
  }
  return [...merged.values()];
}

export function renderMetrics(families: readonly FamilySnapshot[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.kind}`);
    for (const state of family.series) {
      if (family.kind !== "histogram") {
        lines.push(`${family.name}${renderLabels(state.labels)} ${formatValue(state.value)}`);
        continue;
      }
      const bounds = family.bounds ?? [];
      let cumulative = 0;
      bounds.forEach((bound, i) => {
        cumulative += state.buckets?.[i] ?? 0;
        lines.push(`${family.name}_bucket${renderLabels({ ...state.labels, le: String(bound) })} ${cumulative}`);
      });
      lines.push(`${family.name}_bucket${renderLabels({ ...state.labels, le: "+Inf" })} ${state.value}`);
      lines.push(`${family.name}_sum${renderLabels(state.labels)} ${formatValue(state.sum ?? 0)}`);
      lines.push(`${family.name}_count${renderLabels(state.labels)} ${state.value}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function labelKey(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const escapeValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `{${entries.map(([key, value]) => `${key}="${escapeValue(value)}"`).join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
