export { type Chi2ContingencyResult, chi2Contingency, chi2Sf } from "./chi2.js";
export { erf, erfc } from "./error-function.js";
export { upperIncompleteGamma } from "./incomplete-gamma.js";
export { jensenShannonDistance } from "./jensen-shannon.js";
export { kstwoSf } from "./kolmogorov-distribution.js";
export {
  type EmpiricalDistribution,
  type KsMethod,
  type KsPValue,
  ksStatistic,
  ksTwoSamplePValue,
} from "./ks.js";
export { logGamma } from "./log-gamma.js";
export { benjaminiHochberg, bonferroni } from "./multiple-testing.js";
export { populationStabilityIndex } from "./psi.js";
export { smirnovSf } from "./smirnov.js";
export { wassersteinDistance } from "./wasserstein.js";
