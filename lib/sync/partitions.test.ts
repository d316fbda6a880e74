import { describe, expect, it } from "vitest";
import {
  addMonths,
  canonicalJson,
  filterHashOf,
  isHotMonth,
  monthBounds,
  monthOf,
  monthRange,
  monthsOfDateRange,
  partitionFor,
  queryFor,
  ttlSecondsFor,
} from "./partitions";

describe("partitions", () => {
  it("hash canonical filter JSON: key order does not matter", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: "x" } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(filterHashOf({ month: "2024-01", x: "1" })).toBe(filterHashOf({ x: "1", month: "2024-01" }));
    expect(filterHashOf({ month: "2024-01" })).not.toBe(filterHashOf({ month: "2024-02" }));
    expect(filterHashOf({ month: "2024-01" })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("map dated entities to months and snapshots to one partition", () => {
    expect(partitionFor("kimeno_szamla", "2024-02")).toMatchObject({ key: "2024-02", params: { month: "2024-02" } });
    expect(partitionFor("keszlet", "all")).toMatchObject({ key: "all", params: {} });
    expect(() => partitionFor("kimeno_szamla", "2024-13")).toThrow(/YYYY-MM/);
    expect(() => partitionFor("cikk", "2024-01")).toThrow(/one partition/);
  });

  it("turn a date range into the months it touches", () => {
    expect(monthsOfDateRange("2023-11-15", "2024-02-01")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthRange("2024-05", "2024-05")).toEqual(["2024-05"]);
    expect(monthRange("2024-05", "2024-04")).toEqual([]);
    expect(addMonths("2024-01", -1)).toBe("2023-12");
    expect(addMonths("2016-06", 120)).toBe("2026-06");
  });

  it("know month bounds, leap years included", () => {
    expect(monthBounds("2024-02")).toEqual({ first: "2024-02-01", last: "2024-02-29" });
    expect(monthBounds("2023-02").last).toBe("2023-02-28");
    expect(queryFor(partitionFor("raktari_mozgas", "2024-04"), 200)).toEqual({ from: "2024-04-01", to: "2024-04-30", pageSize: 200 });
  });

  it("use Budapest's calendar for the current month", () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Budapest.
    expect(monthOf(new Date("2024-01-31T23:30:00Z"))).toBe("2024-02");
    expect(monthOf(new Date("2024-07-31T21:59:00Z"))).toBe("2024-07");
  });

  it("give hot partitions the entity TTL and closed months the long one", () => {
    const now = new Date("2024-03-10T12:00:00Z");
    const config = { ttlSeconds: 1800, closedMonthTtlSeconds: 604800 };
    expect(isHotMonth("2024-03", now)).toBe(true);
    expect(isHotMonth("2024-02", now)).toBe(true);
    expect(isHotMonth("2024-01", now)).toBe(false);
    expect(ttlSecondsFor(partitionFor("kimeno_szamla", "2024-02"), config, now)).toBe(1800);
    expect(ttlSecondsFor(partitionFor("kimeno_szamla", "2024-01"), config, now)).toBe(604800);
    expect(ttlSecondsFor(partitionFor("keszlet", "all"), { ttlSeconds: 300, closedMonthTtlSeconds: null }, now)).toBe(300);
  });
});
