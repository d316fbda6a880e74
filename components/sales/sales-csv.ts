import type { SalesResponse } from "@/lib/data/contracts";
import { PERIOD_HEADER, type SalesTableModel } from "./sales-table-model";

/**
 * The table as a CSV file for Excel in Hungary: UTF-8 with a BOM (or Excel
 * guesses the wrong encoding), `;` between fields and a decimal comma – what
 * Excel expects in the Hungarian locale – CRLF line ends. Numbers are the
 * API's exact decimal strings, never reformatted through floats; an empty
 * field is a period without data.
 */
export function salesCsv(table: SalesTableModel): string {
  const lines = [
    [PERIOD_HEADER, ...table.columns.map((column) => column.header)].map(textField),
    ...table.rows.map((row) => [textField(row.label), ...row.cells.map(numberField)]),
    [textField(table.totals.label), ...table.totals.cells.map(numberField)],
  ];
  return `\uFEFF${lines.map((fields) => fields.join(";")).join("\r\n")}\r\n`;
}

export function salesCsvFilename(data: Pick<SalesResponse, "from" | "to" | "metric" | "granularity">): string {
  return `sales_${data.from}_${data.to}_${data.metric}_${data.granularity}.csv`;
}

/** "1234.5" → "1234,5"; exact, only the separator changes. */
function numberField(value: string | null): string {
  return value === null ? "" : value.replace(".", ",");
}

/**
 * Text in quotes when it holds a separator, quote or line break. Text that
 * Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe:
 * product names come from the ERP, and a CSV must not become a macro.
 */
function textField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
