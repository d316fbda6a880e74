import { describe, expect, it } from "vitest";
import { DATE_PRESETS, presetOf } from "./date-presets";
import { todayInBudapest } from "./dates";
import { parseSalesView, salesApiQuery, salesPageQuery } from "./sales-url";

describe("the Sales URL", () => {
  it("fills a missing range with the last 12 months and the other parameters with their defaults", () => {
    const parsed = parseSalesView({}, "2025-03-14");
    expect(parsed).toEqual({
      ok: true,
      view: { params: { from: "2024-04-01", to: "2025-03-14", sku: [], granularity: "month", metric: "gross", compare: "none" }, chart: "bar" },
    });
  });

  it("round-trips every parameter, and keeps the chart type out of the API's query", () => {
    const search = new URLSearchParams("from=2024-01-01&to=2024-06-30&sku=C10050&sku=C10001&granularity=week&metric=net&compare=yoy&chart=line");
    const parsed = parseSalesView(search, "2025-03-14");
    if (!parsed.ok) throw new Error(parsed.message);
    expect(new URLSearchParams(salesPageQuery(parsed.view).slice(1)).toString()).toBe(search.toString());
    expect(salesApiQuery(parsed.view.params)).toBe("?from=2024-01-01&to=2024-06-30&sku=C10050&sku=C10001&granularity=week&metric=net&compare=yoy");
  });

  it.each([
    [{ from: "2024-13-01" }, "from"],
    [{ from: "2024-06-01", to: "2024-01-01" }, "to"],
    [{ metric: "margin" }, "metric"],
    [{ sku: ["ok", "<bad>"] }, "sku"],
    [{ chart: "pie" }, "chart"],
  ])("names the parameter a bad URL gets wrong: %j", (input, parameter) => {
    const parsed = parseSalesView(input, "2025-03-14");
    expect(parsed).toMatchObject({ ok: false, parameter });
    if (!parsed.ok) expect(parsed.message).toMatch(parameter);
  });
});

describe("date presets", () => {
  it("compute their ranges from today", () => {
    const ranges = Object.fromEntries(DATE_PRESETS.map((preset) => [preset.id, preset.range("2024-03-10")]));
    expect(ranges).toEqual({
      "this-month": { from: "2024-03-01", to: "2024-03-10" },
      "last-30-days": { from: "2024-02-10", to: "2024-03-10" },
      "last-12-months": { from: "2023-04-01", to: "2024-03-10" },
      "this-year": { from: "2024-01-01", to: "2024-03-10" },
      "last-year": { from: "2023-01-01", to: "2023-12-31" },
      all: { from: "2016-06-01", to: "2024-03-10" },
    });
    expect(presetOf({ from: "2023-01-01", to: "2023-12-31" }, "2024-03-10")?.id).toBe("last-year");
    expect(presetOf({ from: "2023-01-02", to: "2023-12-31" }, "2024-03-10")).toBeUndefined();
  });

  it("take today in Budapest, not in UTC", () => {
    expect(todayInBudapest(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
    expect(todayInBudapest(new Date("2024-07-01T21:59:00Z"))).toBe("2024-07-01");
  });
});
