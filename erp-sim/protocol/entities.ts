/** The entities (`param3`) the simulator serves and the filter fields each accepts. */

export const ENTITIES = ["kimeno_szamla", "raktari_mozgas", "keszlet", "cikk"] as const;
export type Entity = (typeof ENTITIES)[number];

/** Entities whose records are dated documents (paged month by month). */
export type DocumentEntity = "kimeno_szamla" | "raktari_mozgas";

/** What a filter value must look like: a YYYY.MM.DD date, a 0/1 flag or a SKU. */
export type FieldKind = "date" | "flag" | "sku";

export const FILTER_FIELDS: Record<Entity, Readonly<Record<string, FieldKind>>> = {
  kimeno_szamla: { teljdat: "date", storno: "flag", cikksz: "sku" },
  raktari_mozgas: { kelt: "date", torolt: "flag", cikksz: "sku" },
  keszlet: { cikksz: "sku" },
  cikk: { cikksz: "sku" },
};

export function isEntity(name: string): name is Entity {
  return (ENTITIES as readonly string[]).includes(name);
}

export function isDocumentEntity(entity: Entity): entity is DocumentEntity {
  return entity === "kimeno_szamla" || entity === "raktari_mozgas";
}
