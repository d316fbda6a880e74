/** The e2e simulator's admin API (playwright.config.ts starts it on E2E_SIM_PORT). */
const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 8190}`;

/** Changes the running simulator's knobs (latency, faults…) for one test; `restore` puts them back. */
export async function configureSimulator(change: Record<string, unknown>): Promise<{ restore: () => Promise<void> }> {
  const before = (await (await fetch(`${SIMULATOR}/__sim/config`)).json()) as Record<string, unknown>;
  const answer = await fetch(`${SIMULATOR}/__sim/config`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(change) });
  if (!answer.ok) throw new Error(`simulator refused ${JSON.stringify(change)}: ${answer.status} ${await answer.text()}`);
  const restored = Object.fromEntries(Object.keys(change).map((key) => [key, before[key]]));
  return {
    restore: async () => {
      await fetch(`${SIMULATOR}/__sim/config`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(restored) });
    },
  };
}
