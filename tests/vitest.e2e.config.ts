import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Browser tests: one server (tests/e2e/global-setup.ts) per run, files one after another. */
export default defineConfig({
  root,
  resolve: { alias: { "@": root, "server-only": `${root}/tests/support/empty.ts` } },
  test: {
    environment: "node",
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
