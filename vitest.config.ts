import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "test/**/*.test.tsx"],
    setupFiles: ["test/support/no-network.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: PGlite instances and Chromium are memory- and CPU-hungry.
    maxWorkers: 2,
    minWorkers: 1,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
