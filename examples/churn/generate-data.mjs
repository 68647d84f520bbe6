#!/usr/bin/env node
/**
 * The churn example's data: a made-up subscription business, generated the same byte for byte on
 * every run and every platform (a seeded PRNG, no dependencies).
 *
 *   node generate-data.mjs [--out <dir>] [--scale <factor>]
 *
 * Writes into <dir> (default: the data/ folder next to this script):
 *
 *   train.csv               4,000 rows   the reference world: what the first models are trained on
 *   holdout.csv             2,000 rows   the same world, other customers: every evaluation's rows
 *   train-improved.csv     12,000 rows   the same population, 3× the rows, cleaner labels
 *   train-noisy.csv         4,000 rows   a bad data pull: 75% of the labels are random
 *   production-like.csv     2,000 rows   scoring data from the same population (no label)
 *   production-drifted.csv  2,000 rows   scoring data after the market moved (no label)
 *
 * `--scale 0.5` halves every row count, `--scale 10` multiplies it by ten.
 *
 * How a customer churns: the label is drawn from a logistic model of several features (tenure,
 * charges, support calls, age, plan, payment method, region), then a share of the labels is
 * recorded wrongly (the "label noise": a churn booked as a downgrade, a win-back booked as a stay).
 * Tenure and monthly charges alone carry part of the signal; all features together carry much
 * more, so a model that uses them all clearly beats a two-feature model.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Column order of every file; the production files leave the label out. */
const COLUMNS = [
  "customer_id",
  "tenure_months",
  "monthly_charges",
  "total_charges",
  "support_calls",
  "age",
  "plan",
  "region",
  "payment",
  "churned",
];

/**
 * Each dataset: its rows (before --scale), its own random stream (so that changing one dataset
 * never changes another), where its customer numbers start, the share of labels recorded wrongly
 * (`flip`), the share replaced by a random label that ignores the customer (`random`), and the
 * population it is drawn from.
 */
const DATASETS = [
  { file: "train.csv", rows: 4000, seed: 1, first: 0, flip: 0.04, random: 0, world: "reference" },
  { file: "holdout.csv", rows: 2000, seed: 2, first: 100_000, flip: 0.04, random: 0, world: "reference" },
  { file: "train-improved.csv", rows: 12_000, seed: 3, first: 200_000, flip: 0.01, random: 0, world: "reference" },
  { file: "train-noisy.csv", rows: 4000, seed: 4, first: 400_000, flip: 0.04, random: 0.75, world: "reference" },
  { file: "production-like.csv", rows: 2000, seed: 5, first: 600_000, label: false, world: "reference" },
  { file: "production-drifted.csv", rows: 2000, seed: 6, first: 700_000, label: false, world: "drifted" },
];

/** Where the two populations differ: the drifted one is older, pays more, has more basic plans and calls more. */
const WORLDS = {
  reference: {
    ageMean: 44,
    ageStd: 13,
    newShare: 0.55,
    plans: [
      ["basic", 0.45],
      ["plus", 0.35],
      ["pro", 0.2],
    ],
    priceRise: 0,
    callRate: 1,
  },
  drifted: {
    ageMean: 58,
    ageStd: 11,
    newShare: 0.8,
    plans: [
      ["basic", 0.72],
      ["plus", 0.2],
      ["pro", 0.08],
    ],
    priceRise: 18,
    callRate: 1.8,
  },
};

const REGIONS = [
  ["north", 0.3],
  ["south", 0.25],
  ["east", 0.25],
  ["west", 0.2],
];
const PAYMENTS = [
  ["card", 0.45],
  ["bank", 0.3],
  ["invoice", 0.25],
];
const PLAN_PRICE = { basic: 29, plus: 55, pro: 89 };

/** The true churn model: log-odds of churning. */
function churnLogit(c) {
  return (
    -2.2 -
    0.06 * c.tenure +
    0.045 * (c.monthly - 50) +
    0.8 * c.calls -
    0.05 * (c.age - 44) +
    { basic: 0.7, plus: 0, pro: -1.2 }[c.plan] +
    { card: 0, bank: -0.8, invoice: 1.4 }[c.payment] +
    { north: 0, south: 0.6, east: -0.3, west: -0.7 }[c.region]
  );
}

/** Customer numbers: distinct 6-digit numbers spread evenly over 100000–999999 (a golden-ratio permutation). */
function customerId(index) {
  return 100_000 + ((index * 556_231) % 900_000);
}

/** A small seeded PRNG (mulberry32) giving the same sequence on every platform. */
function mulberry32(seed) {
  let state = (seed * 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Only + − × ÷ and comparisons below: they are exact IEEE operations in JavaScript, so every
// platform computes the same numbers. Math.exp and Math.log are not specified to the last bit, and
// one bit of difference in a probability can flip a label.

/** A standard normal draw, as the sum of 12 uniforms minus 6. */
function normal(next) {
  let sum = -6;
  for (let i = 0; i < 12; i++) sum += next();
  return sum;
}

function pick(next, weighted) {
  let u = next();
  for (const [value, weight] of weighted) {
    if (u < weight) return value;
    u -= weight;
  }
  return weighted[weighted.length - 1][0];
}

/** e^x: x = k·ln 2 + r with |r| ≤ ln 2 / 2, then e^r by its Taylor series and 2^k by doubling. */
function exp(x) {
  const k = Math.round(x / Math.LN2);
  const r = x - k * Math.LN2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 16; n++) {
    term = (term * r) / n;
    sum += term;
  }
  for (let i = 0; i < Math.abs(k); i++) sum *= k > 0 ? 2 : 0.5;
  return sum;
}

/** Knuth's method. */
function poisson(next, mean) {
  const limit = exp(-mean);
  let k = 0;
  let product = next();
  while (product > limit) {
    k++;
    product *= next();
  }
  return k;
}

const clamp = (value, low, high) => Math.min(high, Math.max(low, value));

function customer(next, world) {
  const w = WORLDS[world];
  // many customers are recent (each month, 1 in 12 of them leaves this group), the rest have
  // stayed anywhere up to 6 years
  let tenure = 1;
  if (next() < w.newShare) while (tenure < 72 && next() >= 1 / 12) tenure++;
  else tenure = 1 + Math.floor(72 * next());
  const age = clamp(Math.round(w.ageMean + w.ageStd * normal(next)), 18, 90);
  const plan = pick(next, w.plans);
  const region = pick(next, REGIONS);
  const payment = pick(next, PAYMENTS);
  const addOns = Math.floor(4 * next()) * 7.5;
  const monthly = Math.max(9.99, PLAN_PRICE[plan] + w.priceRise + addOns + 6 * normal(next));
  const calls = clamp(
    poisson(next, w.callRate * (0.6 + { basic: 0.8, plus: 0.5, pro: 0.3 }[plan] + (tenure < 6 ? 0.3 : 0))),
    0,
    20,
  );
  // the billing system has no total before the first invoice closes, and loses a few
  const missingTotal = tenure === 1 ? next() < 0.4 : next() < 0.005;
  const total = tenure * monthly * (1 + 0.04 * normal(next));
  return { tenure, monthly, total: missingTotal ? undefined : total, calls, age, plan, region, payment };
}

function churned(next, c, dataset) {
  if (next() < dataset.random) return next() < 0.25;
  const truth = next() < 1 / (1 + exp(-churnLogit(c)));
  return next() < dataset.flip ? !truth : truth;
}

function csv(dataset, scale) {
  const next = mulberry32(dataset.seed);
  const rows = Math.max(1, Math.round(dataset.rows * scale));
  const labelled = dataset.label !== false;
  const header = labelled ? COLUMNS : COLUMNS.slice(0, -1);
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) {
    const c = customer(next, dataset.world);
    const cells = [
      customerId(dataset.first + i),
      c.tenure,
      c.monthly.toFixed(2),
      c.total === undefined ? "" : c.total.toFixed(2),
      c.calls,
      c.age,
      c.plan,
      c.region,
      c.payment,
    ];
    if (labelled) cells.push(churned(next, c, dataset) ? "yes" : "no");
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

function parseArgs(argv) {
  const options = { out: path.join(HERE, "data"), scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--out" && value) options.out = path.resolve(value);
    else if (flag === "--scale" && value && Number(value) > 0 && Number(value) <= 20) options.scale = Number(value);
    else {
      const usage = "usage: node generate-data.mjs [--out <dir>] [--scale <factor above 0, at most 20>]";
      if (flag !== "--help" && flag !== "-h") console.error(`unexpected argument '${flag}'`);
      console.error(usage);
      process.exit(flag === "--help" || flag === "-h" ? 0 : 2);
    }
    i++;
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
mkdirSync(options.out, { recursive: true });
for (const dataset of DATASETS) {
  const text = csv(dataset, options.scale);
  writeFileSync(path.join(options.out, dataset.file), text);
  const rows = text.split("\n").length - 2;
  console.log(`${path.join(options.out, dataset.file)}: ${rows} rows`);
}
