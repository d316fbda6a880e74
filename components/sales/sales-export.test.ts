import { describe, expect, it } from "vitest";
import type { SalesResponse } from "@/lib/data/contracts";
import { salesCsv, salesCsvFilename } from "./sales-csv";
import { salesTableModel } from "./sales-table-model";

const freshness = {} as SalesResponse["freshness"];

function response(overrides: Partial<SalesResponse> = {}): SalesResponse {
  return {
    from: "2024-01-01",
    to: "2024-02-29",
    granularity: "month",
    metric: "gross",
    compare: "yoy",
    series: [
      { key: "C10050", label: 'Kávé "Nagyi" <script>alert(1)</script>', points: [{ period: "2024-01-01", value: "1234.56", previous: null }, { period: "2024-02-01", value: "0", previous: "-12.5" }] },
      { key: "C10001", label: "=HYPERLINK(1)", points: [{ period: "2024-01-01", value: null, previous: "7" }, { period: "2024-02-01", value: "99999999999999.123456", previous: "8" }] },
    ],
    totals: [
      { key: "C10050", label: "x", value: "1234.56", previous: "-12.5", quantity: "3", net: "972.09", gross: "1234.56", lines: 2 },
      { key: "C10001", label: "y", value: "99999999999999.123456", previous: "15", quantity: "1", net: "1", gross: "1", lines: 1 },
    ],
    freshness,
    covers: [],
    ...overrides,
  };
}

describe("the sales table model", () => {
  it("has a column per series and per previous year, a row per period and the totals", () => {
    const table = salesTableModel(response());
    expect(table.columns.map((column) => column.header)).toEqual([
      'Kávé "Nagyi" <script>alert(1)</script> (C10050) – Gross value (Ft)',
      'Kávé "Nagyi" <script>alert(1)</script> (C10050) – Gross value (Ft), previous year',
      "=HYPERLINK(1) (C10001) – Gross value (Ft)",
      "=HYPERLINK(1) (C10001) – Gross value (Ft), previous year",
    ]);
    expect(table.rows).toEqual([
      { period: "2024-01-01", label: "2024-01", cells: ["1234.56", null, null, "7"] },
      { period: "2024-02-01", label: "2024-02", cells: ["0", "-12.5", "99999999999999.123456", "8"] },
    ]);
    expect(table.totals).toEqual({ label: "Total", cells: ["1234.56", "-12.5", "99999999999999.123456", "15"] });
  });

  it("leaves the previous year out without compare", () => {
    const table = salesTableModel(response({ compare: "none" }));
    expect(table.columns).toHaveLength(2);
    expect(table.rows[1]!.cells).toEqual(["0", "99999999999999.123456"]);
    expect(table.totals.cells).toEqual(["1234.56", "99999999999999.123456"]);
  });
});

describe("the CSV export", () => {
  it("writes the table for Excel: BOM, semicolons, quoted text, decimal commas, exact digits, CRLF", () => {
    const csv = salesCsv(salesTableModel(response()));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      'Period;"Kávé ""Nagyi"" <script>alert(1)</script> (C10050) – Gross value (Ft)";"Kávé ""Nagyi"" <script>alert(1)</script> (C10050) – Gross value (Ft), previous year";\'=HYPERLINK(1) (C10001) – Gross value (Ft);\'=HYPERLINK(1) (C10001) – Gross value (Ft), previous year',
      "2024-01;1234,56;;;7",
      "2024-02;0;-12,5;99999999999999,123456;8",
      "Total;1234,56;-12,5;99999999999999,123456;15",
      "",
    ]);
  });

  it("names the file after the range, metric and granularity", () => {
    expect(salesCsvFilename(response())).toBe("sales_2024-01-01_2024-02-29_gross_month.csv");
  });
});
