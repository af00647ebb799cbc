import type { NextConfig } from "next";
import { API_CSP, staticSecurityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data with new URL(..., import.meta.url); bundling breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdf-lib"],
  poweredByHeader: false,
  // Lets parallel builds (e.g. two worktrees' test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  // The type check is its own CI step (`npm run typecheck`, before the tests), so the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    const production = process.env.NODE_ENV === "production";
    return [
      { source: "/:path*", headers: staticSecurityHeaders(production) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
