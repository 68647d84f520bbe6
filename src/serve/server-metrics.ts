/** The metrics a server exports on `/metrics`. */
import { type Family, MetricsRegistry, type Series } from "./metrics.js";

export interface ServerMetrics {
  registry: MetricsRegistry;
  requests: Family;
  duration: Family;
  inFlight: Family;
  batchRows: Family;
  batchRequests: Family;
  predictedRows: Family;
  version: Family;
  reloads: Family;
  loadFailures: Family;
  loggedRows: Family;
  droppedRows: Family;
  logFiles: Family;
  /** the unlabelled series, bound once */
  predictedRowsTotal: Series;
  loggedRowsTotal: Series;
  droppedRowsTotal: Series;
}

export function serverMetrics(): ServerMetrics {
  const registry = new MetricsRegistry();
  const families = {
    registry,
    requests: registry.counter("mlgate_requests_total", "HTTP requests answered, by endpoint and status code."),
    duration: registry.histogram(
      "mlgate_request_duration_seconds",
      "From a request's arrival to its response, by endpoint.",
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
    inFlight: registry.gauge("mlgate_requests_in_flight", "Requests received and not yet answered."),
    batchRows: registry.histogram(
      "mlgate_batch_rows",
      "Rows per model run: concurrent requests are micro-batched into one run.",
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    ),
    batchRequests: registry.histogram(
      "mlgate_batch_requests",
      "Requests per model run.",
      [1, 2, 4, 8, 16, 32, 64, 128],
    ),
    predictedRows: registry.counter("mlgate_predicted_rows_total", "Rows predicted."),
    version: registry.gauge("mlgate_model_version", "The registered version being served.", "max"),
    reloads: registry.counter("mlgate_model_reloads_total", "Switches to a new version after its alias moved."),
    loadFailures: registry.counter(
      "mlgate_model_load_failures_total",
      "Versions that failed to load (the old one went on serving).",
    ),
    loggedRows: registry.counter("mlgate_prediction_log_rows_total", "Rows written to the prediction log."),
    droppedRows: registry.counter(
      "mlgate_prediction_log_dropped_rows_total",
      "Sampled rows left out of the prediction log because its writer fell behind.",
    ),
    logFiles: registry.counter("mlgate_prediction_log_files_total", "Prediction log files completed."),
  };
  return {
    ...families,
    predictedRowsTotal: families.predictedRows.bind(),
    loggedRowsTotal: families.loggedRows.bind(),
    droppedRowsTotal: families.droppedRows.bind(),
  };
}
