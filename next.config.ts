import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data with new URL(..., import.meta.url); bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdf-lib"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
