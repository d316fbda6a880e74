import { describe, expect, it } from "vitest";
import type { SalesResponse, SeriesPoint } from "@/lib/data/contracts";
import { setupAppHarness } from "@/test/app-harness";
import { normalizeDecimal } from "@/test/sync-harness";
import { GET } from "./route";

const h = setupAppHarness();

/** The answer once the months it shows are cached: ask, let the syncs it requested finish, ask again. */
async function cached(query: string): Promise<SalesResponse> {
  await h.call(GET, `/api/sales?${query}`);
  await h.settle();
  const { status, body } = await h.call(GET, `/api/sales?${query}`);
  expect(status).toBe(200);
  return body as SalesResponse;
}

const values = (points: SeriesPoint[]) => points.map((point) => (point.value === null ? null : normalizeDecimal(point.value)));

/** Sums of the raw invoice lines, straight from Postgres, to hold the rollup-based answer against. */
async function lineSums(from: string, to: string, sku?: string) {
  const { rows } = await h.database.pool.query<{ gross: string | null; net: string | null; quantity: string | null; lines: number }>(
    `select sum(gross_value)::text as gross, sum(net_value)::text as net, sum(quantity)::text as quantity, count(*)::int as lines
       from sales_invoice_lines where fulfillment_date between $1 and $2 and ($3::text is null or sku = $3)`,
    [from, to, sku ?? null],
  );
  const row = rows[0]!;
  return { gross: normalizeDecimal(row.gross), net: normalizeDecimal(row.net), quantity: normalizeDecimal(row.quantity), lines: row.lines };
}

describe("GET /api/sales – parameters", () => {
  it.each([
    ["from=2024-03-01&to=2024-02-01", "to", /before/],
    ["from=2024-3-1&to=2024-04-01", "from", /YYYY-MM-DD/],
    ["from=2024-02-30&to=2024-04-01", "from", /calendar day/],
    ["from=2024-01-01&to=2024-13-01", "to", /calendar day/],
    ["to=2024-04-01", "from", /required/],
    ["from=2024-01-01", "to", /required/],
    ["from=2000-01-01&to=2024-01-01", "to", /20 years/],
    ["from=2024-01-01&to=2024-02-01&sku=<script>", "sku", /letters, digits/],
    ["from=2024-01-01&to=2024-02-01&sku=A%20B", "sku", /letters, digits/],
    ["from=2024-01-01&to=2024-02-01&sku=A,B,C,D,E,F", "sku", /at most 5/],
    ["from=2024-01-01&to=2024-02-01&granularity=year", "granularity", /day, week, month/],
    ["from=2024-01-01&to=2024-02-01&metric=profit", "metric", /gross, net, quantity, avg_gross_price/],
    ["from=2024-01-01&to=2024-02-01&compare=mom", "compare", /none or yoy/],
  ])("answers 400 naming the parameter for %s", async (query, parameter, message) => {
    const { status, body } = await h.call(GET, `/api/sales?${query}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(new RegExp(parameter));
    expect(body.error).toMatch(message);
  });

  it("accepts exactly 20 years and 5 products (repeated or comma-separated)", async () => {
    // Before the ERP's history: the months it asks for are empty, so the syncs are quick.
    const longest = await h.call(GET, "/api/sales?from=1996-01-01&to=2016-01-01&granularity=month");
    expect(longest.status).toBe(200);
    expect(longest.body.series[0].points).toHaveLength(241);
    const five = await h.call(GET, "/api/sales?from=2024-01-01&to=2024-01-31&sku=C10001,C10002&sku=C10003&sku=C10004&sku=C10005");
    expect(five.status).toBe(200);
    expect(five.body.series.map((s: { key: string }) => s.key)).toEqual(["C10001", "C10002", "C10003", "C10004", "C10005"]);
    await h.settle();
  });
});

describe("GET /api/sales – data", () => {
  it("shows never-cached months as gaps, asks for them, then answers the simulator's exact month totals", async () => {
    const first = await h.call(GET, "/api/sales?from=2022-05-01&to=2022-06-30");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ from: "2022-05-01", to: "2022-06-30", granularity: "month", metric: "gross", compare: "none" });
    expect(first.body.covers).toEqual([
      { entity: "kimeno_szamla", partitions: ["2022-05", "2022-06"] },
      { entity: "cikk", partitions: ["all"] },
    ]);
    const months = (body: SalesResponse) => body.freshness.partitions.filter((p) => p.entity === "kimeno_szamla").map((p) => p.state);
    expect(months(first.body)).toEqual(["never", "never"]);
    expect(first.body.series).toEqual([
      { key: "all", label: "All products", points: [{ period: "2022-05-01", value: null }, { period: "2022-06-01", value: null }] },
    ]);
    expect(first.body.totals[0]).toMatchObject({ value: null, lines: 0 });

    const gross = await cached("from=2022-05-01&to=2022-06-30");
    expect(months(gross)).toEqual(["fresh", "fresh"]);
    const may = h.simulator.monthTotals("kimeno_szamla", "2022-05");
    const june = h.simulator.monthTotals("kimeno_szamla", "2022-06");
    expect(values(gross.series[0]!.points)).toEqual([normalizeDecimal(may.grossValue), normalizeDecimal(june.grossValue)]);
    expect(gross.totals[0]).toMatchObject({ key: "all", lines: may.lines + june.lines });
    expect(normalizeDecimal(gross.totals[0]!.gross)).toBe((await lineSums("2022-05-01", "2022-06-30")).gross);

    const net = await cached("from=2022-05-01&to=2022-06-30&metric=net");
    expect(values(net.series[0]!.points)).toEqual([normalizeDecimal(may.netValue), normalizeDecimal(june.netValue)]);
    const quantity = await cached("from=2022-05-01&to=2022-06-30&metric=quantity");
    expect(values(quantity.series[0]!.points)).toEqual([normalizeDecimal(may.quantity), normalizeDecimal(june.quantity)]);
  });

  it("gives every day and every Monday-based week of the range, partial edges included", async () => {
    const daily = await cached("from=2024-03-01&to=2024-03-31&granularity=day");
    const days = daily.series[0]!.points.map((point) => point.period);
    expect(days).toHaveLength(31);
    expect(days[0]).toBe("2024-03-01");
    expect(days.at(-1)).toBe("2024-03-31");
    expect(daily.series[0]!.points.every((point) => point.value !== null)).toBe(true);
    for (const point of daily.series[0]!.points.slice(0, 5)) {
      expect(normalizeDecimal(point.value)).toBe((await lineSums(point.period, point.period)).gross);
    }

    const weekly = await cached("from=2024-03-01&to=2024-03-31&granularity=week");
    const weeks = weekly.series[0]!.points;
    expect(weeks.map((point) => point.period)).toEqual(["2024-02-26", "2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"]);
    // The first week only counts the days inside the range (1–3 March).
    expect(normalizeDecimal(weeks[0]!.value)).toBe((await lineSums("2024-03-01", "2024-03-03")).gross);
    expect(normalizeDecimal(weeks[1]!.value)).toBe((await lineSums("2024-03-04", "2024-03-10")).gross);
  });

  it("gives one series per product, named, equal to the sums of that product's invoice lines", async () => {
    await cached("from=2024-03-01&to=2024-03-31");
    const { rows } = await h.database.pool.query<{ sku: string; name: string }>(
      `select l.sku, p.name from sales_invoice_lines l join products p using (sku)
        where l.fulfillment_date between '2024-03-01' and '2024-03-31'
        group by l.sku, p.name order by count(*) desc, l.sku limit 2`,
    );
    const [top, second] = rows as [{ sku: string; name: string }, { sku: string; name: string }];
    const response = await cached(`from=2024-03-01&to=2024-03-31&granularity=week&sku=${top.sku}&sku=${second.sku}`);
    expect(response.series.map((s) => [s.key, s.label])).toEqual([
      [top.sku, top.name],
      [second.sku, second.name],
    ]);
    const weeks = [["2024-03-01", "2024-03-03"], ["2024-03-04", "2024-03-10"], ["2024-03-11", "2024-03-17"], ["2024-03-18", "2024-03-24"], ["2024-03-25", "2024-03-31"]] as const;
    const expected = await Promise.all(weeks.map(([from, to]) => lineSums(from, to, top.sku)));
    // A week without a sale of a cached month is 0, not a gap.
    expect(values(response.series[0]!.points)).toEqual(expected.map((sums) => sums.gross));
    const month = await lineSums("2024-03-01", "2024-03-31", top.sku);
    expect(response.totals[0]).toMatchObject({ key: top.sku, label: top.name, lines: month.lines });
    expect(normalizeDecimal(response.totals[0]!.quantity)).toBe(month.quantity);
    expect(normalizeDecimal(response.totals[0]!.net)).toBe(month.net);

    const average = await cached(`from=2024-03-01&to=2024-03-31&sku=${top.sku}&metric=avg_gross_price`);
    const { rows: exact } = await h.database.pool.query<{ avg: string }>(
      `select trim_scale(round(sum(gross_value) / sum(quantity), 2))::text as avg
         from sales_invoice_lines where sku = $1 and fulfillment_date between '2024-03-01' and '2024-03-31'`,
      [top.sku],
    );
    expect(average.series[0]!.points[0]!.value).toBe(exact[0]!.avg);
    expect(average.totals[0]!.value).toBe(exact[0]!.avg);
  });

  it("answers a well-formed SKU nobody sells with zeros under its own name, and no average", async () => {
    await cached("from=2024-03-01&to=2024-03-31");
    const gross = await cached("from=2024-03-01&to=2024-03-31&sku=NOPE-1");
    expect(gross.series).toEqual([{ key: "NOPE-1", label: "NOPE-1", points: [{ period: "2024-03-01", value: "0" }] }]);
    expect(gross.totals[0]).toMatchObject({ value: "0", quantity: "0", gross: "0", lines: 0 });
    const average = await cached("from=2024-03-01&to=2024-03-31&sku=NOPE-1&metric=avg_gross_price");
    expect(average.series[0]!.points[0]!.value).toBeNull();
  });

  it("with compare=yoy adds the same periods one year earlier, and covers those months too", async () => {
    const first = await h.call(GET, "/api/sales?from=2024-03-01&to=2024-04-30&compare=yoy");
    expect(first.body.covers[0]).toEqual({ entity: "kimeno_szamla", partitions: ["2023-03", "2023-04", "2024-03", "2024-04"] });
    const response = await cached("from=2024-03-01&to=2024-04-30&compare=yoy");
    const previous = response.series[0]!.points.map((point) => normalizeDecimal(point.previous ?? null));
    expect(previous).toEqual(["2023-03", "2023-04"].map((month) => normalizeDecimal(h.simulator.monthTotals("kimeno_szamla", month).grossValue)));
    expect(normalizeDecimal(response.totals[0]!.previous ?? null)).toBe((await lineSums("2023-03-01", "2023-04-30")).gross);

    // Weeks compare with the weeks 52 weeks earlier: Monday-aligned, like weekdays.
    const weekly = await cached("from=2024-03-04&to=2024-03-17&granularity=week&compare=yoy");
    expect(weekly.series[0]!.points.map((point) => point.period)).toEqual(["2024-03-04", "2024-03-11"]);
    expect(normalizeDecimal(weekly.series[0]!.points[0]!.previous ?? null)).toBe((await lineSums("2023-03-06", "2023-03-12")).gross);
  });
});
