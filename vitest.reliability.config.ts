import { defineConfig } from "vitest/config";

/** `npm run test:reliability`: crash, outage and hostile-input tests against real server processes. */
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
  test: {
    include: ["test-reliability/**/*.test.ts"],
    setupFiles: ["test/support/no-network.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // One at a time: these tests kill servers and stop databases on purpose.
    fileParallelism: false,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
