/**
 * ncc bundles of the three hosts. Entries live in scripts/bundle/, whose tsconfig.json makes
 * TypeScript emit ES modules under transpileOnly (with the root's NodeNext it would emit require()
 * calls that ESM-only packages such as @actions/core cannot satisfy), so the bundles are ESM and
 * keep their exports. Same sources and lockfile → same bytes: nothing in the output depends on the
 * checkout's path or the clock.
 */
import path from "node:path";
import ncc from "@vercel/ncc";
import type { Content } from "./files.js";

export interface BundleSpec {
  /** entry module, relative to the repository root */
  entry: string;
  /** the bundle's file name; chunks and assets are emitted beside it */
  filename: string;
}

/** dist/index.js, shared by every action and the CLI: exports runGitHubAction(task) and runCli(argv). */
export const hostsBundle: BundleSpec = { entry: "scripts/bundle/hosts.ts", filename: "index.js" };
/** Exports runAzurePipelinesTask(task); copied into each task folder by `npm run package`. */
export const azurePipelinesBundle: BundleSpec = { entry: "scripts/bundle/azure-pipelines.ts", filename: "mlgate.js" };

/** Resolved at run time from an installed copy, never bundled (its native binaries are tens of MB). */
const externals = ["onnxruntime-node"];

/** The bundle's files, relative to the folder it is written to. Must run with the repository as cwd. */
export async function bundle(root: string, spec: BundleSpec): Promise<Map<string, Content>> {
  if (path.resolve(process.cwd()) !== path.resolve(root)) throw new Error(`bundle from the repository root (${root})`);
  const { code, assets } = await ncc(path.join(root, spec.entry), {
    cache: false,
    externals,
    filename: spec.filename,
    minify: true,
    quiet: true,
    target: "es2022",
    transpileOnly: true,
  });
  const files = new Map<string, Content>([[spec.filename, code]]);
  for (const [name, asset] of Object.entries(assets)) files.set(name, asset.source);
  for (const [name, content] of files) {
    if (typeof content === "string") assertResolved(spec.entry, content);
    assertNoCheckoutPath(root, name, content);
  }
  return files;
}

/** ncc turns an import it cannot resolve into a run-time require that would fail in the bundle. */
function assertResolved(entry: string, code: string): void {
  const missing = [...code.matchAll(/eval\("require"\)\("([^"]+)"\)/g)].map((match) => match[1]);
  if (missing.length > 0) {
    const modules = [...new Set(missing)].join(", ");
    throw new Error(`${entry}: cannot resolve ${modules} (a missing file or dependency; or list it in externals)`);
  }
}

function assertNoCheckoutPath(root: string, name: string, content: Content): void {
  const text = typeof content === "string" ? content : Buffer.from(content).toString("latin1");
  if (text.includes(path.resolve(root))) throw new Error(`${name}: contains the checkout's absolute path`);
}
