import type { Entity } from "@/drizzle/schema";

/** Human names of the ERP entities, for every screen and message. */
export const ENTITY_LABELS: Record<Entity, string> = {
  kimeno_szamla: "Sales invoices",
  raktari_mozgas: "Warehouse movements",
  keszlet: "Stock",
  cikk: "Products",
};
