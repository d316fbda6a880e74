/**
 * `npm run erp:sim`: the Tharanis simulator on http://127.0.0.1:8089/apiv3.php with
 * realistic latency. Every knob comes from ERP_SIM_* variables (see cli-env.ts).
 */
import { EnvError, parseSimulatorEnv } from "./cli-env";
import { startSimulator } from "./server";

async function main(): Promise<void> {
  let options;
  try {
    options = parseSimulatorEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const simulator = await startSimulator(options).catch((error: unknown) => {
    console.error(`[erp-sim] cannot listen on ${options.host}:${options.port} (check ERP_SIM_HOST / ERP_SIM_PORT): ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  const { ugyfelkod, cegkod } = simulator.config.credentials;
  console.log(`[erp-sim] Tharanis SOAP simulator listening on ${simulator.url}`);
  console.log(`[erp-sim] accepted credentials: ugyfelkod=${ugyfelkod} cegkod=${cegkod} (API key from ERP_SIM_API_KEY)`);
  console.log(
    `[erp-sim] seed ${simulator.config.seed}, latency ${simulator.config.latencyMs} ms, clock ${simulator.config.now ?? "live"}, ` +
      `${simulator.config.faults.length} fault rule(s); admin API at ${simulator.baseUrl}/__sim/`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[erp-sim] ${signal}: stopping`);
    simulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[erp-sim] stop failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error("[erp-sim] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
