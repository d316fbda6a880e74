import "server-only";
import { getDb } from "@/lib/db";
import type { ProductHit, ProductSearchResponse } from "./contracts";
import { coversOf, viewFreshness } from "./freshness";
import type { ProductSearchParams } from "./params";

/**
 * The product picker's search: every word of the query must occur in the SKU
 * or the name, case- and accent-insensitively ("kave" finds "kávé"). Ranked:
 * exact SKU, SKU prefix, name prefix, active before discontinued, then
 * trigram word similarity. Each word becomes a regular expression whose
 * letters accept their accented forms, which the trigram indexes on name and
 * SKU can answer (a translate() over every name would scan all rows).
 */
export async function searchProducts({ q, limit }: ProductSearchParams): Promise<ProductSearchResponse> {
  const [products, view] = await Promise.all([queryProducts(q, limit), viewFreshness([coversOf("cikk")])]);
  return { products, ...view };
}

/** Accented letters and their plain forms, position by position (Hungarian first). */
const ACCENTED = "ÁÉÍÓÖŐÚÜŰáéíóöőúüűÄÀÂÃÇÈÊËÎÏÑÔÕÙÛŸäàâãçèêëîïñôõùûÿ";
const PLAIN = "AEIOOOUUUaeiooouuuAAAACEEEIINOOUUYaaaaceeeiinoouuy";

/** Plain lower-case letter → every form it stands for ("a" → "aAáÁäÄ…"). */
const VARIANTS = (() => {
  const plain = [...PLAIN];
  const variants = new Map<string, string>();
  [...ACCENTED].forEach((accented, index) => {
    const base = plain[index]!.toLowerCase();
    variants.set(base, (variants.get(base) ?? `${base}${base.toUpperCase()}`) + accented);
  });
  return variants;
})();

const FOLD = new Map([...ACCENTED].map((letter, index) => [letter, [...PLAIN][index]!]));

/** "Kávé" → "Kave": what a letter stands for, without its accent. */
export function foldAccents(text: string): string {
  return [...text].map((letter) => FOLD.get(letter) ?? letter).join("");
}

/** A case- and accent-insensitive regular expression (Postgres ARE, used with ~*) matching `word` literally. */
export function accentInsensitivePattern(word: string): string {
  return [...foldAccents(word)]
    .map((letter) => {
      const variants = VARIANTS.get(letter.toLowerCase());
      if (variants) return `[${variants}]`;
      return /[\\^$.|?*+()[\]{}]/.test(letter) ? `\\${letter}` : letter;
    })
    .join("");
}

async function queryProducts(q: string, limit: number): Promise<ProductHit[]> {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 8);
  const values: unknown[] = [q, `^${accentInsensitivePattern(q)}`, limit];
  const conditions = words.map((word) => {
    values.push(accentInsensitivePattern(word));
    return `(sku ~* $${values.length} or name ~* $${values.length})`;
  });
  const { pool } = await getDb();
  const { rows } = await pool.query<ProductHit>(
    `select sku, name, category, manufacturer, unit, active
       from products
      where ${conditions.join(" and ")}
      order by upper(sku) = upper($1) desc,
               sku ~* $2 desc,
               name ~* $2 desc,
               active desc,
               word_similarity($1, name) desc,
               name, sku
      limit $3`,
    values,
  );
  return rows;
}
