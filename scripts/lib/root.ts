import { fileURLToPath } from "node:url";

/** The repository these scripts belong to. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
