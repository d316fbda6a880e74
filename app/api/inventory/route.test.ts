import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { InventoryResponse, InventoryRowDTO } from "@/lib/data/contracts";
import { LOW_STOCK_THRESHOLD } from "@/lib/data/params";
import { setupAppHarness } from "@/test/app-harness";
import { normalizeDecimal } from "@/test/sync-harness";
import { GET } from "./route";

const h = setupAppHarness();

async function inventory(query: string): Promise<InventoryResponse> {
  const { status, body } = await h.call(GET, `/api/inventory${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as InventoryResponse;
}

async function scalar<T>(text: string, values: unknown[] = []): Promise<T> {
  const { rows } = await h.database.pool.query(text, values);
  return Object.values(rows[0] as Record<string, unknown>)[0] as T;
}

describe("GET /api/inventory: bad parameters", () => {
  it.each([
    ["sort=price", "sort"],
    ["dir=up", "dir"],
    ["low=some", "low"],
    ["page=0", "page"],
    ["page=abc", "page"],
    ["page=1.5", "page"],
    ["page=10001", "page"],
    ["pageSize=5", "pageSize"],
    ["pageSize=501", "pageSize"],
    ["pageSize=ten", "pageSize"],
    [`q=${"x".repeat(101)}`, "q"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const { status, body } = await h.call(GET, `/api/inventory?${query}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(new RegExp(parameter));
  });
});

describe("GET /api/inventory: after the snapshots are cached", () => {
  beforeAll(async () => {
    const first = await inventory("");
    // An empty cache answers at once, says so, and asks the ERP for stock and products.
    expect(first.freshness.state).toBe("never");
    expect(first.covers).toEqual([
      { entity: "keszlet", partitions: ["all"] },
      { entity: "cikk", partitions: ["all"] },
    ]);
    expect(first.rows).toEqual([]);
    await h.settle();
  });

  it("is fresh and lists the first page of every SKU in the snapshot", async () => {
    const body = await inventory("");
    expect(body.freshness.state).toBe("fresh");
    expect(body.matching).toBe(await scalar<number>("select count(*)::int from inventory_snapshot"));
    expect(body.matching).toBeGreaterThan(6_000);
    expect(body.rows).toHaveLength(50);
    expect(body).toMatchObject({ page: 1, pageSize: 50, lowStockThreshold: LOW_STOCK_THRESHOLD });
    expect(body.rows[0]).toMatchObject({ sku: expect.any(String), name: expect.any(String), total: expect.any(String) });
    expect(body.rows[0]!.warehouses).toHaveLength(6);
  });

  it("totals every matching row per warehouse and in all, exactly as Postgres sums the snapshot", async () => {
    const body = await inventory("?pageSize=10");
    const { rows } = await h.database.pool.query<Record<string, string>>(
      `select sum(warehouse_1)::text w1, sum(warehouse_2)::text w2, sum(warehouse_3)::text w3,
              sum(warehouse_4)::text w4, sum(warehouse_5)::text w5, sum(warehouse_6)::text w6,
              sum(total_available)::text total
         from inventory_snapshot`,
    );
    const expected = rows[0]!;
    expect(body.totals.warehouses.map(normalizeDecimal)).toEqual(["w1", "w2", "w3", "w4", "w5", "w6"].map((k) => normalizeDecimal(expected[k]!)));
    expect(normalizeDecimal(body.totals.total)).toBe(normalizeDecimal(expected.total!));
  });

  it("finds products by SKU, case-insensitively", async () => {
    const body = await inventory("?q=c1005&pageSize=500");
    expect(body.matching).toBe(await scalar<number>("select count(*)::int from inventory_snapshot where sku like 'C1005%'"));
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((row) => row.sku.startsWith("C1005"))).toBe(true);
  });

  it("finds products by a part of their name, and totals only what it found", async () => {
    const name = await scalar<string>("select p.name from products p join inventory_snapshot s using (sku) where p.name like '% % %' order by p.sku limit 1");
    const part = name.split(" ")[1]!.toUpperCase();
    const body = await inventory(`?q=${encodeURIComponent(part)}&pageSize=500`);
    const expectedCount = await scalar<number>(
      "select count(*)::int from inventory_snapshot s left join products p using (sku) where strpos(lower(s.sku), lower($1)) > 0 or strpos(lower(p.name), lower($1)) > 0",
      [part],
    );
    expect(body.matching).toBe(expectedCount);
    expect(body.rows.some((row) => row.name === name)).toBe(true);
    expect(body.rows.every((row) => `${row.sku} ${row.name}`.toLowerCase().includes(part.toLowerCase()))).toBe(true);
    const expectedTotal = await scalar<string>(
      "select sum(total_available)::text from inventory_snapshot s left join products p using (sku) where strpos(lower(s.sku), lower($1)) > 0 or strpos(lower(p.name), lower($1)) > 0",
      [part],
    );
    expect(normalizeDecimal(body.totals.total)).toBe(normalizeDecimal(expectedTotal));
  });

  it("matches % and _ in the search literally, and returns the script-tag name as plain data", async () => {
    const literalMatches = (text: string) =>
      scalar<number>("select count(*)::int from inventory_snapshot s left join products p using (sku) where strpos(s.sku, $1) > 0 or strpos(p.name, $1) > 0", [text]);
    const percent = await inventory("?q=%25&pageSize=500");
    expect(percent.matching).toBe(await literalMatches("%"));
    expect(percent.rows.length).toBeGreaterThan(0);
    expect(percent.rows.every((row) => row.name?.includes("%"))).toBe(true);
    expect((await inventory("?q=_")).matching).toBe(await literalMatches("_"));
    expect((await inventory("?q=%25%25")).matching).toBe(await literalMatches("%%"));
    const body = await inventory(`?q=${encodeURIComponent("<script>")}`);
    expect(body.rows.map((row) => row.sku)).toEqual(["C10050"]);
    expect(body.rows[0]!.name).toContain("<script>alert(1)</script>");
  });

  it.each(["total", "warehouse_3"] as const)("sorts by %s both ways, equal values in SKU order", async (sort) => {
    const value = (row: InventoryRowDTO) => Number(sort === "total" ? row.total : row.warehouses[2]);
    for (const dir of ["asc", "desc"] as const) {
      const { rows } = await inventory(`?sort=${sort}&dir=${dir}&pageSize=500`);
      for (let i = 1; i < rows.length; i++) {
        const [before, after] = [rows[i - 1]!, rows[i]!];
        const order = dir === "asc" ? value(before) - value(after) : value(after) - value(before);
        expect(order, `${before.sku} then ${after.sku}`).toBeLessThanOrEqual(0);
        if (value(before) === value(after)) expect(before.sku < after.sku, `${before.sku} then ${after.sku}`).toBe(true);
      }
    }
    const ascending = await inventory(`?sort=${sort}&dir=asc&pageSize=10`);
    const descending = await inventory(`?sort=${sort}&dir=desc&pageSize=10`);
    expect(value(ascending.rows[0]!)).toBeLessThan(value(descending.rows[0]!));
  });

  it("sorts by name and by SKU both ways, in Postgres' order", async () => {
    for (const dir of ["asc", "desc"]) {
      const byName = (await inventory(`?sort=name&dir=${dir}&pageSize=100`)).rows.map((row) => row.name);
      const sorted = await scalar<string[]>(`select array(select n from unnest($1::text[]) as n order by n ${dir})`, [byName]);
      expect(byName).toEqual(sorted);
      const bySku = (await inventory(`?sort=sku&dir=${dir}&pageSize=100`)).rows.map((row) => row.sku);
      expect(bySku).toEqual([...bySku].sort((a, b) => (dir === "asc" ? (a < b ? -1 : 1) : a < b ? 1 : -1)));
    }
    const first = await inventory("?sort=sku&dir=asc&pageSize=10");
    const last = await inventory("?sort=sku&dir=desc&pageSize=10");
    expect(first.rows[0]!.sku).toBe(await scalar("select min(sku) from inventory_snapshot"));
    expect(last.rows[0]!.sku).toBe(await scalar("select max(sku) from inventory_snapshot"));
  });

  it("pages without gaps or overlaps", async () => {
    const both = await inventory("?sort=warehouse_1&pageSize=20");
    const first = await inventory("?sort=warehouse_1&pageSize=10&page=1");
    const second = await inventory("?sort=warehouse_1&pageSize=10&page=2");
    expect([...first.rows, ...second.rows].map((row) => row.sku)).toEqual(both.rows.map((row) => row.sku));
    expect(second.page).toBe(2);
    const beyond = await inventory("?pageSize=500&page=10000");
    expect(beyond.rows).toEqual([]);
    expect(beyond.matching).toBe(both.matching);
    expect(beyond.totals).toEqual(both.totals);
  });

  it.each([
    ["low", LOW_STOCK_THRESHOLD],
    ["out", 0],
  ] as const)("filters low=%s to totals at or below %d, and totals only those", async (low, limit) => {
    const body = await inventory(`?low=${low}&pageSize=500`);
    const expected = await scalar<number>("select count(*)::int from inventory_snapshot where total_available <= $1", [limit]);
    expect(body.matching).toBe(expected);
    expect(body.matching).toBeGreaterThan(0);
    expect(body.rows.every((row) => Number(row.total) <= limit)).toBe(true);
    expect(normalizeDecimal(body.totals.total)).toBe(normalizeDecimal(await scalar<string | null>("select sum(total_available)::text from inventory_snapshot where total_available <= $1", [limit])));
  });

  it("shows a SKU the product master does not know, without a name", async () => {
    await h.database.pool.query(
      "insert into inventory_snapshot (sku, warehouse_2, raw_xml_hash, sync_run_id) values ('ZZ-NO-PRODUCT', 7, 'test', $1)",
      [randomUUID()],
    );
    try {
      const body = await inventory("?q=zz-no-product");
      expect(body.rows).toEqual([{ sku: "ZZ-NO-PRODUCT", name: null, category: null, unit: null, warehouses: ["0", "7", "0", "0", "0", "0"], total: "7" }]);
      // Without a name it sorts last by name, in either direction.
      const lastPage = Math.ceil((await inventory("?pageSize=500")).matching / 500);
      for (const dir of ["asc", "desc"]) {
        const { rows } = await inventory(`?sort=name&dir=${dir}&pageSize=500&page=${lastPage}`);
        expect(rows.at(-1)!.sku).toBe("ZZ-NO-PRODUCT");
      }
    } finally {
      await h.database.pool.query("delete from inventory_snapshot where sku = 'ZZ-NO-PRODUCT'");
    }
  });
});
