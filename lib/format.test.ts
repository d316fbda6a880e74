import { describe, expect, it } from "vitest";
import { formatAge, formatChange, formatHuf, formatNumber } from "./format";

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("Hungarian formats", () => {
  it("formats forints with spaces between thousands and no decimals", () => {
    expect(nbsp(formatHuf("1234567.49"))).toBe("1 234 567 Ft");
    expect(nbsp(formatHuf("-1500"))).toBe("-1500 Ft"); // Hungarian groups from five digits on
    expect(nbsp(formatHuf("-15000"))).toBe("-15 000 Ft");
    expect(formatHuf(null)).toBe("–");
    expect(nbsp(formatHuf("31965.9", true))).toBe("31 965,9 Ft");
  });

  it("formats quantities with a decimal comma", () => {
    expect(nbsp(formatNumber("12345.5"))).toBe("12 345,5");
    expect(formatNumber("abc")).toBe("–");
  });

  it("formats changes and ages", () => {
    expect(formatChange("110", "100")).toBe("+10%");
    expect(formatChange("90", "100")).toBe("-10%");
    expect(formatChange("90", "0")).toBeNull();
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(formatAge("2026-12-03T11:57:00Z", now)).toBe("3 min ago");
    expect(formatAge("2026-12-03T11:59:50Z", now)).toBe("just now");
    expect(formatAge("2026-12-03T09:00:00Z", now)).toBe("3 h ago");
  });
});
