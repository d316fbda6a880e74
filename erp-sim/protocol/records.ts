/**
 * One `elem` per record, in the shapes of PROTOCOL.md and the fixtures. Writers take
 * only the fields they print, so tests can feed them the fixtures' records directly.
 */
import { formatHundredths, formatQuantity } from "../generator/decimal";
import { escapeValue } from "./response";

function field(name: string, value: string): string {
  return `<${name}>${escapeValue(value)}</${name}>`;
}

export interface InvoiceRecord {
  number: string;
  date: string;
  storno: boolean;
  lines: ReadonlyArray<{ sku: string; name: string; quantityHundredths: number; netPriceFiller: number; vatRate: number }>;
}

export interface MovementRecord {
  number: string;
  date: string;
  direction: "B" | "K";
  kind: string;
  deleted: boolean;
  lines: ReadonlyArray<{ sku: string; quantityHundredths: number }>;
}

export interface StockRecord {
  sku: string;
  /** Hundredths per warehouse; undefined is written as an empty value. */
  available: ReadonlyArray<number | undefined>;
}

export interface ProductRecord {
  sku: string;
  name: string;
  group: string;
  maker: string;
  unit: string;
  active: boolean;
}

export function invoiceElement(invoice: InvoiceRecord): string {
  const header = field("sorszam", invoice.number) + field("telj_dat", invoice.date) + field("storno", invoice.storno ? "1" : "0") + field("valuta", "HUF");
  const lines = invoice.lines
    .map(
      (line) =>
        `<tetel>${field("cikksz", line.sku)}${field("megnev", line.name)}${field("menny", formatQuantity(line.quantityHundredths))}` +
        `${field("netto_ar", formatHundredths(line.netPriceFiller))}${field("afa_szaz", String(line.vatRate))}</tetel>`,
    )
    .join("");
  return `<elem><fej>${header}</fej><tetelek>${lines}</tetelek></elem>`;
}

export function movementElement(movement: MovementRecord): string {
  const header =
    field("bizszam", movement.number) + field("kelt", movement.date) + field("irany", movement.direction) + field("mozgas", movement.kind) + field("torolt", movement.deleted ? "1" : "0");
  const lines = movement.lines.map((line) => `<tetel>${field("cikksz", line.sku)}${field("menny", formatQuantity(line.quantityHundredths))}</tetel>`).join("");
  return `<elem><fej>${header}</fej><tetelek>${lines}</tetelek></elem>`;
}

export function stockElement(row: StockRecord): string {
  const warehouses = row.available.map((value, index) => field(`kiadhato${index + 1}`, value === undefined ? "" : formatHundredths(value))).join("");
  return `<elem>${field("cikksz", row.sku)}${warehouses}</elem>`;
}

export function productElement(product: ProductRecord): string {
  return `<elem>${field("cikksz", product.sku)}${field("megnev", product.name)}${field("csoport", product.group)}${field("gyarto", product.maker)}${field("mee", product.unit)}${field("aktiv", product.active ? "1" : "0")}</elem>`;
}
