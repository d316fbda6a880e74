import { randomUUID } from "node:crypto";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/test/database";
import { claimSyncLock, releaseSyncLock, type ClaimRequest } from "./lock";

const database = setupTestDatabase();

let partitionSeq = 0;
/** A claim for a partition no other test touches. */
function newPartition(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  partitionSeq += 1;
  const month = `2020-${String(partitionSeq).padStart(2, "0")}`;
  return {
    entity: "kimeno_szamla",
    partition: `${month}-${partitionSeq}`,
    filterParams: { month, test: partitionSeq },
    filterHash: `hash-${partitionSeq}-${randomUUID()}`,
    ttlSeconds: 1800,
    runId: randomUUID(),
    trigger: "read",
    ...overrides,
  };
}

async function metadata(claim: ClaimRequest) {
  const { rows } = await database.pool.query(
    "select * from sync_metadata where entity = $1 and filter_hash = $2",
    [claim.entity, claim.filterHash],
  );
  return rows[0];
}

async function run(id: string) {
  const { rows } = await database.pool.query("select * from sync_runs where id = $1", [id]);
  return rows[0];
}

/** Connections the server can spare for one test, keeping headroom for everyone else. */
async function spareConnections(wanted: number): Promise<number> {
  const { rows } = await database.pool.query<{ max: number; reserved: number; used: number }>(
    `select current_setting('max_connections')::int as max,
            current_setting('superuser_reserved_connections')::int as reserved,
            (select count(*)::int from pg_stat_activity) as used`,
  );
  const { max, reserved, used } = rows[0]!;
  return Math.max(2, Math.min(wanted, max - reserved - used - 15));
}

async function openConnections(count: number): Promise<pg.Client[]> {
  const clients: pg.Client[] = [];
  // Open in small batches: a burst of hundreds of handshakes can time out on a busy machine.
  for (let i = 0; i < count; i += 20) {
    const batch = Math.min(20, count - i);
    clients.push(...(await Promise.all(Array.from({ length: batch }, () => database.connect()))));
  }
  return clients;
}

/** Fires `callers` claims for one partition, spread over `connections` connections, all at once. */
async function race(claim: ClaimRequest, callers: number, connections: pg.Client[]) {
  const runIds = Array.from({ length: callers }, () => randomUUID());
  const results = await Promise.all(
    runIds.map((runId, i) => claimSyncLock(connections[i % connections.length]!, { ...claim, runId })),
  );
  const winners = runIds.filter((_, i) => results[i]);
  return { winners, results };
}

describe("claim_sync_lock", () => {
  it("lets exactly one of 200 concurrent callers on separate connections win", async () => {
    const callers = 200;
    const connectionCount = await spareConnections(callers);
    const clients = await openConnections(connectionCount);
    try {
      // Case 1: a partition nobody has seen – the callers also race on creating its row.
      const fresh = newPartition();
      const first = await race(fresh, callers, clients);

      // Case 2: an existing partition whose row is held by a blocker, so every caller is
      // queued on the same row lock and all are released at the same instant.
      const held = newPartition();
      await claimSyncLock(database.pool, { ...held, runId: randomUUID() });
      const done = await metadata(held);
      await releaseSyncLock(database.pool, { entity: held.entity, filterHash: held.filterHash, runId: done.lock_token, pages: 0, records: 0 });
      const blocker = await database.connect();
      await blocker.query("begin");
      await blocker.query("select 1 from sync_metadata where filter_hash = $1 for update", [held.filterHash]);
      const pending = race({ ...held, force: true }, callers, clients);
      await waitFor(async () => {
        const { rows } = await database.pool.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity
            where wait_event_type = 'Lock' and query like '%claim_sync_lock%'`,
        );
        return rows[0]!.waiting >= Math.min(callers, clients.length);
      });
      await blocker.query("commit");
      await blocker.end();
      const second = await pending;

      console.log(
        `[lock race] ${callers} callers on ${clients.length} connections: ` +
          `new partition → ${first.winners.length} winner(s), held partition → ${second.winners.length} winner(s)`,
      );
      for (const outcome of [first, second]) {
        expect(outcome.results).toHaveLength(callers);
        expect(outcome.winners).toHaveLength(1);
      }
      expect((await metadata(fresh)).lock_token).toBe(first.winners[0]);
      expect((await metadata(held)).lock_token).toBe(second.winners[0]);
      const { rows } = await database.pool.query(
        "select count(*)::int as running from sync_runs where filter_hash = any($1) and status = 'running'",
        [[fresh.filterHash, held.filterHash]],
      );
      expect(rows[0].running).toBe(2);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it("does not re-claim a fresh partition, unless forced", async () => {
    const claim = newPartition();
    expect(await claimSyncLock(database.pool, claim)).toBe(true);
    expect(
      await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: claim.runId, pages: 3, records: 512 }),
    ).toBe(true);

    const row = await metadata(claim);
    expect(row.status).toBe("success");
    expect(row.pages).toBe(3);
    expect(row.records).toBe(512);
    expect(row.last_synced_at).toBeInstanceOf(Date);
    expect(await run(claim.runId)).toMatchObject({ status: "success", pages: 3, records: 512, error: null });

    expect(await claimSyncLock(database.pool, { ...claim, runId: randomUUID() })).toBe(false);
    expect((await metadata(claim)).status).toBe("success");
    // A TTL that has run out makes it claimable again; so does force.
    expect(await claimSyncLock(database.pool, { ...claim, runId: randomUUID(), ttlSeconds: 0 })).toBe(true);
    const second = newPartition();
    await claimSyncLock(database.pool, second);
    await releaseSyncLock(database.pool, { entity: second.entity, filterHash: second.filterHash, runId: second.runId, pages: 1, records: 1 });
    expect(await claimSyncLock(database.pool, { ...second, runId: randomUUID(), force: true })).toBe(true);
  });

  it("refuses a held lock, and takes over one older than the configured timeout", async () => {
    const claim = newPartition({ entity: "raktari_mozgas" });
    const stuckRun = claim.runId;
    expect(await claimSyncLock(database.pool, claim)).toBe(true);

    const rescuer = randomUUID();
    expect(await claimSyncLock(database.pool, { ...claim, runId: rescuer })).toBe(false);

    await database.pool.query("update entity_config set lock_timeout_seconds = 1 where entity = 'raktari_mozgas'");
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      expect(await claimSyncLock(database.pool, { ...claim, runId: rescuer })).toBe(true);
    } finally {
      await database.pool.query("update entity_config set lock_timeout_seconds = 300 where entity = 'raktari_mozgas'");
    }

    expect((await metadata(claim)).lock_token).toBe(rescuer);
    expect(await run(stuckRun)).toMatchObject({ status: "abandoned" });
    expect((await run(stuckRun)).error).toMatch(/taken over/);
    // The stuck run waking up later cannot release (or overwrite) the new holder's lock.
    expect(
      await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: stuckRun, pages: 9, records: 9 }),
    ).toBe(false);
    expect((await metadata(claim)).status).toBe("syncing");
    expect(
      await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: rescuer, pages: 2, records: 20 }),
    ).toBe(true);
    expect(await metadata(claim)).toMatchObject({ status: "success", records: 20, lock_token: null, locked_at: null });
  });

  it("on release with an error keeps the message and the previous last_synced_at", async () => {
    const claim = newPartition();
    await claimSyncLock(database.pool, claim);
    await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: claim.runId, pages: 4, records: 700 });
    const before = await metadata(claim);

    const failing = randomUUID();
    expect(await claimSyncLock(database.pool, { ...claim, runId: failing, force: true })).toBe(true);
    const message = "SOAP Fault on page 3 of kimeno_szamla 2020-01: Átmeneti hiba";
    expect(
      await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: failing, pages: 2, records: 400, error: message }),
    ).toBe(true);

    const after = await metadata(claim);
    expect(after.status).toBe("error");
    expect(after.last_error).toBe(message);
    expect(after.last_error_at).toBeInstanceOf(Date);
    expect(after.last_synced_at.getTime()).toBe(before.last_synced_at.getTime());
    expect(after.records).toBe(700); // counts of the last good run
    expect(after.consecutive_failures).toBe(1);
    expect(after.lock_token).toBeNull();
    expect(await run(failing)).toMatchObject({ status: "error", error: message, pages: 2, records: 400 });

    // The next good run clears the error.
    const retry = randomUUID();
    expect(await claimSyncLock(database.pool, { ...claim, runId: retry, force: true })).toBe(true);
    await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: retry, pages: 4, records: 701 });
    expect(await metadata(claim)).toMatchObject({ status: "success", last_error: null, consecutive_failures: 0, records: 701 });
  });

  it("rejects an unknown entity and skips a disabled one", async () => {
    await expect(claimSyncLock(database.pool, newPartition({ entity: "szamla" as never }))).rejects.toThrow(/unknown entity/);
    await database.pool.query("update entity_config set enabled = false where entity = 'cikk'");
    try {
      expect(await claimSyncLock(database.pool, newPartition({ entity: "cikk" }))).toBe(false);
    } finally {
      await database.pool.query("update entity_config set enabled = true where entity = 'cikk'");
    }
  });
});

describe("NOTIFY sync_changed", () => {
  it("announces the claim and the release with entity and partition", async () => {
    const listener = await database.connect();
    const received: Array<Record<string, unknown>> = [];
    listener.on("notification", (message) => {
      if (message.channel === "sync_changed") received.push(JSON.parse(message.payload ?? "{}"));
    });
    await listener.query("listen sync_changed");
    try {
      const claim = newPartition({ entity: "keszlet", partition: "all", filterParams: {} });
      await claimSyncLock(database.pool, claim);
      await releaseSyncLock(database.pool, { entity: claim.entity, filterHash: claim.filterHash, runId: claim.runId, pages: 1, records: 10 });

      await waitFor(async () => received.length >= 2);
      expect(received[0]).toMatchObject({ entity: "keszlet", partition: "all", status: "syncing", runId: claim.runId });
      expect(received[1]).toMatchObject({ entity: "keszlet", partition: "all", status: "success", runId: claim.runId });
      expect(received[1]!.lastSyncedAt).toEqual(expect.any(String));
    } finally {
      await listener.end();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
