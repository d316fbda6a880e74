/**
 * Hungarian display formats. Values arrive as exact decimal strings; they are
 * turned into numbers only here, for display, never to compute with.
 */

const huf = new Intl.NumberFormat("hu-HU", { style: "currency", currency: "HUF", maximumFractionDigits: 0, minimumFractionDigits: 0 });
const hufPrecise = new Intl.NumberFormat("hu-HU", { style: "currency", currency: "HUF", maximumFractionDigits: 2, minimumFractionDigits: 0 });
const plain = new Intl.NumberFormat("hu-HU", { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat("hu-HU", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Europe/Budapest" });
const dateTimeFormat = new Intl.DateTimeFormat("hu-HU", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Budapest" });

const toNumber = (value: string | number | null | undefined): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : null;
};

/** "1 234 567 Ft" (rounded to the forint); "–" when there is no value. */
export function formatHuf(value: string | number | null | undefined, precise = false): string {
  const number = toNumber(value);
  return number === null ? "–" : (precise ? hufPrecise : huf).format(number);
}

/** "1 234,5" */
export function formatNumber(value: string | number | null | undefined): string {
  const number = toNumber(value);
  return number === null ? "–" : plain.format(number);
}

/** "+12,3%" change from `previous` to `current`; null when there is nothing to compare. */
export function formatChange(current: string | null | undefined, previous: string | null | undefined): string | null {
  const now = toNumber(current);
  const before = toNumber(previous);
  if (now === null || before === null || before === 0) return null;
  const change = ((now - before) / Math.abs(before)) * 100;
  return `${change > 0 ? "+" : ""}${plain.format(Math.round(change * 10) / 10)}%`;
}

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "just now", "3 min ago", "2 h ago", "5 days ago". */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
