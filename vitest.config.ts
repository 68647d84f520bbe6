import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // onnxruntime-node and child processes do not work under vmThreads
    pool: "forks",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/azurite.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { ORT_DISABLE_TELEMETRY: "1" },
  },
});
