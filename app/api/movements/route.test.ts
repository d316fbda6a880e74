import { beforeAll, describe, expect, it } from "vitest";
import type { MovementsResponse } from "@/lib/data/contracts";
import { sumDecimals } from "@/lib/decimal";
import { setupAppHarness } from "@/test/app-harness";
import { normalizeDecimal } from "@/test/sync-harness";
import { GET } from "./route";

const h = setupAppHarness();

const MONTHS = ["2024-01", "2024-02", "2024-03"] as const;
const RANGE = "from=2024-01-01&to=2024-03-31";

async function movements(query: string): Promise<MovementsResponse> {
  const { status, body } = await h.call(GET, `/api/movements?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as MovementsResponse;
}

/** Every point of every series in one period, summed exactly. */
function periodTotals(body: MovementsResponse, period: string): { quantity: string; lines: number } {
  const points = body.series.flatMap((series) => series.points.filter((point) => point.period === period));
  return { quantity: sumDecimals(points.map((point) => point.quantity)), lines: points.reduce((sum, point) => sum + point.lines, 0) };
}

describe("GET /api/movements: bad parameters", () => {
  it.each([
    ["to=2024-01-31", "from"],
    ["from=2024-01-01", "to"],
    ["from=2024-1-01&to=2024-01-31", "from"],
    ["from=2024-01-01&to=31.01.2024", "to"],
    ["from=2024-02-30&to=2024-03-31", "from"],
    ["from=2024-03-01&to=2024-02-01", "to"],
    ["from=2000-01-01&to=2024-01-01", "to"],
    [`${RANGE}&granularity=year`, "granularity"],
    [`${RANGE}&sku=${encodeURIComponent("not a sku!")}`, "sku"],
    [`${RANGE}&sku=-C10001`, "sku"],
    [`${RANGE}&sku=C10001&sku=C10002`, "sku"],
    [`${RANGE}&sku=C10001,C10002`, "sku"],
  ])("answers 400 naming the parameter for %s", async (query, parameter) => {
    const { status, body } = await h.call(GET, `/api/movements?${query}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(new RegExp(parameter));
  });
});

describe("GET /api/movements: after the months are cached", () => {
  beforeAll(async () => {
    const first = await movements(RANGE);
    // Nothing cached: an answer at once that says so, and a sync of each month after it.
    expect(first.freshness.state).toBe("never");
    expect(first.covers).toEqual([{ entity: "raktari_mozgas", partitions: [...MONTHS] }]);
    expect(first.series).toEqual([]);
    expect(first.totals).toEqual({ in: "0", out: "0", lines: 0 });
    await h.settle();
  });

  it("sums every month in and out exactly as the ERP has it (deleted documents excluded)", async () => {
    const body = await movements(`${RANGE}&granularity=month`);
    expect(body.freshness.state).toBe("fresh");
    expect(body.series.length).toBeGreaterThanOrEqual(5);
    for (const month of MONTHS) {
      const expected = h.simulator.monthTotals("raktari_mozgas", month);
      const actual = periodTotals(body, `${month}-01`);
      expect(normalizeDecimal(actual.quantity), month).toBe(expected.quantity);
      expect(actual.lines, month).toBe(expected.lines);
    }
    const months = MONTHS.map((month) => h.simulator.monthTotals("raktari_mozgas", month));
    expect(sumDecimals([body.totals.in, body.totals.out])).toBe(sumDecimals(months.map((m) => m.quantity)));
    expect(body.totals.lines).toBe(months.reduce((sum, m) => sum + m.lines, 0));
  });

  it("keeps in positive and out negative, and totals each series over the range", async () => {
    const body = await movements(RANGE);
    for (const series of body.series) {
      const sign = series.direction === "in" ? 1 : -1;
      expect(series.points.every((point) => Number(point.quantity) * sign >= 0), series.movementType).toBe(true);
      expect(sumDecimals(series.points.map((point) => point.quantity))).toBe(normalizeDecimal(series.total.quantity));
      expect(series.points.reduce((sum, point) => sum + point.lines, 0)).toBe(series.total.lines);
    }
    expect(normalizeDecimal(body.totals.in)).toBe(sumDecimals(body.series.filter((s) => s.direction === "in").map((s) => s.total.quantity)));
    expect(normalizeDecimal(body.totals.out)).toBe(sumDecimals(body.series.filter((s) => s.direction === "out").map((s) => s.total.quantity)));
    expect(Number(body.totals.in)).toBeGreaterThan(0);
    expect(Number(body.totals.out)).toBeLessThan(0);
  });

  it.each([
    ["day", 91, "2024-01-01", "2024-03-31"],
    // 2024-01-01 is a Monday; the week of 2024-03-31 (a Sunday) starts on 2024-03-25.
    ["week", 13, "2024-01-01", "2024-03-25"],
    ["month", 3, "2024-01-01", "2024-03-01"],
  ] as const)("gives a point for every %s of the range", async (granularity, count, first, last) => {
    const body = await movements(`${RANGE}&granularity=${granularity}`);
    for (const series of body.series) {
      expect(series.points).toHaveLength(count);
      expect(series.points[0]!.period).toBe(first);
      expect(series.points.at(-1)!.period).toBe(last);
    }
    expect(body.totals).toEqual((await movements(RANGE)).totals);
  });

  it("starts weeks on Monday, also when the range starts mid-week", async () => {
    const body = await movements("from=2024-02-14&to=2024-02-29&granularity=week");
    const periods = body.series[0]!.points.map((point) => point.period);
    expect(periods).toEqual(["2024-02-12", "2024-02-19", "2024-02-26"]);
    expect(periods.every((period) => new Date(`${period}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it("for one SKU gives exactly that product's lines, with its name", async () => {
    const { rows: top } = await h.database.pool.query<{ sku: string }>(
      "select sku from warehouse_movements where movement_date between '2024-01-01' and '2024-03-31' group by sku order by count(*) desc, sku limit 1",
    );
    const sku = top[0]!.sku;
    const first = await movements(`${RANGE}&sku=${sku}`);
    expect(first.covers).toEqual([
      { entity: "raktari_mozgas", partitions: [...MONTHS] },
      { entity: "cikk", partitions: ["all"] },
    ]);
    await h.settle(); // the product master, for the name

    const body = await movements(`${RANGE}&sku=${sku}&granularity=month`);
    expect(body.sku).toBe(sku);
    const { rows: names } = await h.database.pool.query<{ name: string }>("select name from products where sku = $1", [sku]);
    expect(body.productName).toBe(names[0]!.name);

    // The oracle: the SKU's raw lines, grouped and summed exactly here.
    const { rows: lines } = await h.database.pool.query<{ month: string; movement_type: string; direction: string; quantity: string }>(
      "select to_char(movement_date, 'YYYY-MM') as month, movement_type, direction, quantity::text from warehouse_movements where sku = $1 and movement_date between '2024-01-01' and '2024-03-31'",
      [sku],
    );
    const expected = new Map<string, string[]>();
    for (const line of lines) {
      const key = `${line.direction}|${line.movement_type}|${line.month}-01`;
      expected.set(key, [...(expected.get(key) ?? []), line.quantity]);
    }
    const actual = new Map<string, { quantity: string; lines: number }>();
    for (const series of body.series) {
      for (const point of series.points) {
        if (point.lines > 0) actual.set(`${series.direction}|${series.movementType}|${point.period}`, { quantity: normalizeDecimal(point.quantity), lines: point.lines });
      }
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries([...expected].map(([key, quantities]) => [key, { quantity: sumDecimals(quantities), lines: quantities.length }])));
    expect(body.totals.lines).toBe(lines.length);
    expect(sumDecimals([body.totals.in, body.totals.out])).toBe(sumDecimals(lines.map((line) => line.quantity)));
  });

  it("answers an empty, cached range with no series and zero totals", async () => {
    const body = await movements("from=2024-02-01&to=2024-02-29&sku=NO-SUCH-SKU");
    expect(body.series).toEqual([]);
    expect(body.totals).toEqual({ in: "0", out: "0", lines: 0 });
    expect(body.productName).toBeNull();
    expect(body.freshness.partitions.find((p) => p.entity === "raktari_mozgas")).toMatchObject({ partition: "2024-02", state: "fresh" });
    await h.settle();
  });
});
