import { describe, expect, it } from "vitest";
import { periodStart, periodsOf, previousRange } from "./sales";

describe("periods of a range", () => {
  it("starts weeks on Monday, across a year boundary", () => {
    expect(periodStart("2025-01-01", "week")).toBe("2024-12-30");
    expect(periodStart("2024-12-30", "week")).toBe("2024-12-30");
    expect(periodStart("2025-01-05", "week")).toBe("2024-12-30");
    expect(periodsOf("2024-12-25", "2025-01-06", "week")).toEqual(["2024-12-23", "2024-12-30", "2025-01-06"]);
  });

  it("lists every month and every day, leap day included", () => {
    expect(periodsOf("2023-11-15", "2024-02-01", "month")).toEqual(["2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01"]);
    expect(periodsOf("2024-02-27", "2024-03-01", "day")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(periodsOf("2024-03-05", "2024-03-05", "month")).toEqual(["2024-03-01"]);
  });
});

describe("the previous year's range", () => {
  it("goes back a calendar year for days and months; 29 February becomes the 28th", () => {
    expect(previousRange("2024-02-29", "2024-03-31", "month")).toEqual({ from: "2023-02-28", to: "2023-03-31", shift: "1 year" });
    expect(previousRange("2024-01-01", "2024-12-31", "day")).toEqual({ from: "2023-01-01", to: "2023-12-31", shift: "1 year" });
  });

  it("goes back 52 weeks for weeks, so Mondays stay Mondays", () => {
    const previous = previousRange("2024-03-04", "2024-03-17", "week");
    expect(previous).toEqual({ from: "2023-03-06", to: "2023-03-19", shift: "364 days" });
    expect(new Date(`${previous.from}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});
