import { describe, expect, it } from "vitest";
import { unescapeXmlText } from "./response";

describe("unescapeXmlText", () => {
  it("decodes one level of escaping, exactly once", () => {
    expect(unescapeXmlText("&lt;a&gt; &quot;x&quot; &apos;y&apos; &amp;")).toBe(`<a> "x" 'y' &`);
    expect(unescapeXmlText("&amp;lt;")).toBe("&lt;");
    expect(unescapeXmlText("&amp;amp;")).toBe("&amp;");
    expect(unescapeXmlText("&#233;&#x151;")).toBe("éő");
    expect(unescapeXmlText("&amp;#233;")).toBe("&#233;");
    expect(unescapeXmlText("no entities")).toBe("no entities");
    expect(unescapeXmlText("&#99999999;")).toBe("&#99999999;");
  });
});
