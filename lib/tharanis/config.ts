import { getEnv, requireProductionSettings, type Env } from "@/lib/env";
import type { Credentials } from "./envelope";

export interface TharanisConfig {
  url: string;
  credentials: Credentials;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** The simulator's defaults (`npm run erp:sim`): what development talks to with nothing configured. */
export const SIMULATOR_DEFAULTS = { ugyfelkod: "1000", cegkod: "demo", apiKey: "sim-key" } as const;

/** ERP settings from the environment; in development, unset values point at the local simulator. */
export function tharanisConfigFromEnv(env: Env = getEnv()): TharanisConfig {
  requireProductionSettings(env, "erp");
  return {
    url: env.THARANIS_API_URL ?? `http://127.0.0.1:${env.ERP_SIM_PORT}/apiv3.php`,
    credentials: {
      ugyfelkod: env.THARANIS_UGYFELKOD ?? SIMULATOR_DEFAULTS.ugyfelkod,
      cegkod: env.THARANIS_CEGKOD ?? SIMULATOR_DEFAULTS.cegkod,
      apiKey: env.THARANIS_API_KEY ?? SIMULATOR_DEFAULTS.apiKey,
    },
    timeoutMs: env.THARANIS_TIMEOUT_MS,
    maxResponseBytes: env.THARANIS_MAX_RESPONSE_MB * 1_048_576,
  };
}
