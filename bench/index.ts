/** `npm run bench -- <suite>`: speed and memory targets, measured as ratios against anchors in the same run. */
const suites: Record<string, () => Promise<void>> = {
  registry: async () => (await import("./registry.js")).runRegistryBench(),
  data: async () => (await import("./data.js")).runDataBench(),
  train: async () => (await import("./train.js")).runTrainBench(),
  evaluate: async () => (await import("./evaluate.js")).runEvaluateBench(),
  serve: async () => (await import("./serve.js")).runServeBench(),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in suites));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(", ")}; choose from: ${Object.keys(suites).join(", ")}\n`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(suites)) await suites[name]?.();
