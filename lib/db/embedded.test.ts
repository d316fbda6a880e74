import { execFile } from "node:child_process";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/scratch";
import { startEmbeddedPostgres } from "./embedded";

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded Postgres", () => {
  it("keeps its data across restarts and shares a running server instead of starting a second", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "erp-cache-embedded-"));
    folders.push(folder);
    await chmod(folder, 0o755);
    const dataDir = path.join(folder, "pg");
    const port = await freePort();

    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first.owned).toBe(true);
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");

    const second = await startEmbeddedPostgres({ dataDir, port });
    expect(second.owned).toBe(false);
    expect(await query(second.url, "select v from kept")).toEqual([{ v: "still here" }]);

    await first.stop();
    expect(await readdir(dataDir)).not.toContain("postmaster.pid");

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(restarted.owned).toBe(true);
      expect(await query(restarted.url, "select v from kept")).toEqual([{ v: "still here" }]);
    } finally {
      await restarted.stop();
    }
  });

  it("leaves a process's exit code alone (the package's beforeExit hook would make it 0), keeping the signal hooks that stop servers", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "test/exit-code-child.ts"], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("");
    const hooks = JSON.parse(result.stdout) as { sigtermHooks: number; sigintHooks: number };
    expect(hooks.sigtermHooks).toBeGreaterThan(0);
    expect(hooks.sigintHooks).toBeGreaterThan(0);
  });
});
