import { beforeAll, describe, expect, it } from "vitest";
import type { ProductHit, ProductSearchResponse } from "@/lib/data/contracts";
import { setupAppHarness } from "@/test/app-harness";
import { GET } from "./route";

const h = setupAppHarness();

async function search(query: string): Promise<ProductHit[]> {
  const { status, body } = await h.call(GET, `/api/products?${query}`);
  expect(status).toBe(200);
  return (body as ProductSearchResponse).products;
}

describe("GET /api/products – parameters", () => {
  it.each([
    ["", "q", /required|expected string/i],
    // An empty field counts as absent (GET forms send `q=`).
    ["q=", "q", /must not be empty/],
    ["q=%20%20", "q", /must not be empty/],
    [`q=${"x".repeat(101)}`, "q", /at most 100/],
    ["q=kave&limit=0", "limit", /≥ 1/],
    ["q=kave&limit=51", "limit", /≤ 50/],
    ["q=kave&limit=ten", "limit", /number/],
    ["q=kave&limit=2.5", "limit", /whole number/],
  ])("answers 400 naming the parameter for %s", async (query, parameter, message) => {
    const { status, body } = await h.call(GET, `/api/products?${query}`);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(message);
  });
});

describe("GET /api/products – search", () => {
  beforeAll(async () => {
    // The first search finds an empty cache and asks for the product list.
    const { body } = await h.call(GET, "/api/products?q=C1005");
    expect(body.products).toEqual([]);
    expect(body.freshness.state).toBe("never");
    expect(body.covers).toEqual([{ entity: "cikk", partitions: ["all"] }]);
    await h.settle();
  });

  it("ranks the exact SKU first, then SKU prefixes", async () => {
    const [exact] = await search("q=c10050&limit=5");
    expect(exact!.sku).toBe("C10050");
    const prefixed = await search("q=C1005&limit=5");
    expect(prefixed).toHaveLength(5);
    expect(prefixed.every((hit) => hit.sku.startsWith("C1005"))).toBe(true);
  });

  it("finds names by substring, case- and accent-insensitively, every word counting", async () => {
    const accented = await search("q=KÁVÉ&limit=50");
    const plain = await search("q=kave&limit=50");
    expect(accented.length).toBeGreaterThan(5);
    expect(plain.map((hit) => hit.sku)).toEqual(accented.map((hit) => hit.sku));
    expect(accented.every((hit) => /kávé/i.test(hit.name))).toBe(true);

    const twoWords = await search("q=kave%20espresso&limit=50");
    expect(twoWords.length).toBeGreaterThan(0);
    expect(twoWords.every((hit) => /kávé/i.test(hit.name) && /espresso/i.test(hit.name))).toBe(true);
  });

  it("puts names starting with the query before names merely containing it", async () => {
    const starts = (await search("q=zabpehely&limit=50")).map((hit) => /^zabpehely/i.test(hit.name));
    expect(starts).toContain(true);
    expect(starts).toContain(false);
    expect(starts.slice(starts.indexOf(false))).not.toContain(true);
  });

  it("takes % and _ literally, and returns the product with a script tag as plain data", async () => {
    const percent = await search("q=20%25&limit=50");
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((hit) => hit.name.includes("20%") || hit.sku.includes("20%"))).toBe(true);
    expect(await search("q=tejf")).not.toEqual([]);
    expect(await search("q=t_jf")).toEqual([]);
    const [script] = await search("q=%3Cscript%3E");
    expect(script).toMatchObject({ sku: "C10050", active: true });
    expect(script!.name).toContain("<script>alert(1)</script>");
  });

  it("respects the limit and answers within a few milliseconds", async () => {
    expect(await search("q=a&limit=3")).toHaveLength(3);
    const started = performance.now();
    for (let i = 0; i < 20; i++) await search("q=kave&limit=20");
    expect((performance.now() - started) / 20).toBeLessThan(50);
  });
});
