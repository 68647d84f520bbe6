export {
  type BootstrapOptions,
  type BootstrapResult,
  type BootstrapWeights,
  type Estimate,
  intervalPercents,
  type MetricEstimates,
  pairedBootstrap,
  type Statistic,
} from "./paired-bootstrap.js";
export { percentileOfSorted, sampleStandardDeviation } from "./percentile.js";
export { cumulativePoisson, PoissonResampler } from "./poisson.js";
export { resampleCounts } from "./resample.js";
