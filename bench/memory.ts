/**
 * `npm run bench -- memory`: peak RSS of a process that syncs one month of
 * 50,000 invoice lines (the simulator's bigMonth knob) – pages are streamed,
 * parsed and upserted one at a time, so memory should not grow with the month.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { openBenchDatabase } from "./scratch";
import { startSimulatorProcess } from "./simulator-process";
import { fmt, printTable, type Row } from "./stats";

const MONTH = "2024-06";
const LINES = 50_000;

export async function benchMemory(): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const database = await openBenchDatabase();
  const simulator = await startSimulatorProcess({ ERP_SIM_LATENCY_MS: "0", ERP_SIM_NOW: "2026-12-03T12:00:00Z" });
  try {
    const configured = await fetch(`${simulator.baseUrl}/__sim/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ bigMonth: { month: MONTH, lines: LINES } }),
    });
    if (!configured.ok) throw new Error(`simulator refused the bigMonth knob: ${await configured.text()}`);
    const result = await new Promise<{ outcome: string; records: number; pages: number; seconds: number; maxRssKb: number }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "memory-child.ts"), database.url, simulator.url, MONTH], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!)) : reject(new Error(`memory child exited ${code}`))));
    });
    if (result.outcome !== "synced") throw new Error(`the big month did not sync: ${result.outcome}`);
    const figures = { lines: result.records, pages: result.pages, seconds: result.seconds, peakRssMb: result.maxRssKb / 1024 };
    const rows: Row[] = [
      { measure: "month synced", value: `${fmt(result.records)} invoice lines in ${result.pages} pages, ${fmt(result.seconds, 1)} s`, note: `kimeno_szamla ${MONTH}, simulator latency 0` },
      { measure: "peak RSS of the syncing process", value: `${fmt(figures.peakRssMb, 0)} MB`, note: "target < 300 MB (Node + tsx included)" },
    ];
    printTable("Memory while syncing a 50,000-line month", rows);
    return { rows, figures };
  } finally {
    simulator.stop();
    await database.close();
  }
}
