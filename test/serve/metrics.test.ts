import { describe, expect, it } from "vitest";
import { MetricsRegistry, mergeSnapshots, renderMetrics } from "../../src/serve/metrics.js";

/** One line of the Prometheus text format 0.0.4: a comment, or `name{labels} value`. */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

describe("metrics", () => {
  it("renders counters, gauges and cumulative histogram buckets in the exposition format", () => {
    const registry = new MetricsRegistry();
    registry.counter("requests_total", "Requests.").bind({ endpoint: "predict", code: "200" }).inc(3);
    registry.gauge("version", "Version.", "max").bind({ model: 'a"b' }).set(7);
    const latency = registry.histogram("latency_seconds", "Latency.", [0.01, 0.1, 1]).bind();
    for (const value of [0.005, 0.05, 0.05, 0.5, 5]) latency.observe(value);

    const text = renderMetrics(registry.snapshot());
    for (const line of text.trimEnd().split("\n")) {
      if (!line.startsWith("#")) expect(line).toMatch(SAMPLE);
    }
    expect(text).toContain('requests_total{endpoint="predict",code="200"} 3');
    expect(text).toContain('version{model="a\\"b"} 7');
    expect(text).toContain('latency_seconds_bucket{le="0.01"} 1');
    expect(text).toContain('latency_seconds_bucket{le="0.1"} 3');
    expect(text).toContain('latency_seconds_bucket{le="1"} 4');
    expect(text).toContain('latency_seconds_bucket{le="+Inf"} 5');
    expect(text).toContain("latency_seconds_count 5");
    expect(Number(/latency_seconds_sum (\S+)/.exec(text)?.[1])).toBeCloseTo(5.605, 9);
  });

  it("merges workers' snapshots: counters and histograms add up, max-gauges keep the highest", () => {
    const worker = (requests: number, version: number, observations: number[]) => {
      const registry = new MetricsRegistry();
      registry.counter("requests_total", "Requests.").bind({ code: "200" }).inc(requests);
      registry.gauge("version", "Version.", "max").bind().set(version);
      registry.gauge("in_flight", "In flight.").bind().set(2);
      const histogram = registry.histogram("rows", "Rows.", [1, 10]).bind();
      for (const value of observations) histogram.observe(value);
      return registry.snapshot();
    };
    const text = renderMetrics(mergeSnapshots([worker(5, 3, [1, 20]), worker(7, 4, [5])]));
    expect(text).toContain('requests_total{code="200"} 12');
    expect(text).toContain("version 4");
    expect(text).toContain("in_flight 4");
    expect(text).toContain('rows_bucket{le="1"} 1');
    expect(text).toContain('rows_bucket{le="10"} 2');
    expect(text).toContain('rows_bucket{le="+Inf"} 3');
    expect(text).toContain("rows_sum 26");
  });
});
