import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs drizzle/schema.ts against the committed snapshots
// and writes a new SQL migration; no database connection is needed for that.
export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle/schema.ts",
  out: "./drizzle/migrations",
  strict: true,
  verbose: true,
});
