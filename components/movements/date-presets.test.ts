import { describe, expect, it } from "vitest";
import { businessToday, isPreset, presetRange } from "./date-presets";

describe("movement date presets", () => {
  it.each([
    ["this-month", "2026-12-01", "2026-12-03"],
    ["last-30-days", "2026-11-04", "2026-12-03"],
    ["last-12-months", "2026-01-01", "2026-12-03"],
    ["this-year", "2026-01-01", "2026-12-03"],
    ["last-year", "2025-01-01", "2025-12-31"],
  ] as const)("%s on 2026-12-03 is %s – %s", (id, from, to) => {
    expect(presetRange(id, "2026-12-03")).toEqual({ from, to });
  });

  it("crosses year boundaries", () => {
    expect(presetRange("last-12-months", "2026-03-15")).toEqual({ from: "2025-04-01", to: "2026-03-15" });
    expect(presetRange("last-30-days", "2026-01-10")).toEqual({ from: "2025-12-12", to: "2026-01-10" });
  });

  it("counts days in Budapest, not UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Budapest.
    expect(businessToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("recognises a preset range, and only an exact one", () => {
    expect(isPreset("last-year", { from: "2025-01-01", to: "2025-12-31" }, "2026-12-03")).toBe(true);
    expect(isPreset("last-year", { from: "2025-01-02", to: "2025-12-31" }, "2026-12-03")).toBe(false);
    expect(isPreset("this-year", { from: "2026-01-01", to: "2026-12-03" }, "2026-12-03")).toBe(true);
    expect(isPreset("last-12-months", { from: "2026-01-01", to: "2026-12-03" }, "2026-12-03")).toBe(true);
  });
});
