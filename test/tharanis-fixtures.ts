import { readFileSync } from "node:fs";
import path from "node:path";

/** The genuine captured Tharanis request/response pairs (copied from the brief; see the folder's README). */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, "fixtures/tharanis");

export const FIXTURE_NAMES = [
  "auth-error",
  "cikk",
  "empty-page",
  "keszlet",
  "kimeno_szamla",
  "raktari_mozgas",
  "soap-fault",
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function fixture(name: FixtureName, kind: "request" | "response"): string {
  return readFileSync(path.join(FIXTURES_DIR, `${name}.${kind}.xml`), "utf8");
}

/** The query document a fixture request carries in param4 (CDATA). */
export function fixtureQuery(name: FixtureName): string {
  const match = /<param4[^>]*><!\[CDATA\[([\s\S]*?)\]\]><\/param4>/.exec(fixture(name, "request"));
  if (!match) throw new Error(`no CDATA param4 in ${name}.request.xml`);
  return match[1]!;
}
