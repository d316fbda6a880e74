/**
 * `npx tsx erp-sim/bench.ts`: how fast the simulator answers a 200-invoice page with no
 * latency, one request at a time and four at a time, so its own cost is known when it
 * stands in for the ERP in load tests. The simulator runs in its own process (as with
 * `npm run erp:sim`), so the load generator's parsing does not eat into its CPU.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const DURATION_MS = 4_000;
const CREDENTIALS = { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" };

function body(page: number): string {
  const query =
    `<leker><limit>200</limit><oldal>${page}</oldal><szurok>` +
    "<szuro><mezo>teljdat</mezo><relacio>&gt;=</relacio><ertek>2025.10.01</ertek></szuro>" +
    "<szuro><mezo>teljdat</mezo><relacio>&lt;=</relacio><ertek>2025.10.31</ertek></szuro>" +
    "</szurok><adatok><fej>I</fej></adatok></leker>";
  return (
    '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn://apiv3">' +
    `<SOAP-ENV:Body><ns1:leker><param0>${CREDENTIALS.ugyfelkod}</param0><param1>${CREDENTIALS.cegkod}</param1><param2>${CREDENTIALS.apiKey}</param2>` +
    `<param3>kimeno_szamla</param3><param4><![CDATA[${query}]]></param4></ns1:leker></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

async function run(url: string, concurrency: number): Promise<{ perSecond: number; bytes: number }> {
  const deadline = Date.now() + DURATION_MS;
  let requests = 0;
  let bytes = 0;
  const worker = async (offset: number) => {
    for (let i = offset; Date.now() < deadline; i++) {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "text/xml; charset=utf-8" }, body: body(i % 2) });
      const answer = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200 || answer.length < 100_000) throw new Error(`unexpected answer ${response.status}: ${answer.toString("utf8", 0, 300)}`);
      bytes = answer.length;
      requests++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  return { perSecond: (requests * 1000) / (Date.now() - started), bytes };
}

const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], {
  env: { ...process.env, ERP_SIM_PORT: "0", ERP_SIM_LATENCY_MS: "0", ERP_SIM_NOW: "2026-12-03T12:00:00Z" },
  stdio: ["ignore", "pipe", "inherit"],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  await run(url, 1); // warm-up: JIT, month generation, element cache
  for (const concurrency of [1, 4]) {
    const { perSecond, bytes } = await run(url, concurrency);
    console.log(`concurrency ${concurrency}: ${perSecond.toFixed(0)} requests/s (200-invoice page, ${(bytes / 1024).toFixed(0)} KiB)`);
  }
} finally {
  child.kill("SIGTERM");
}
