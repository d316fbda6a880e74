import { getEnv } from "@/lib/env";
import type { Queryable } from "./lock";

/**
 * A circuit breaker for the ERP, kept in Postgres so every app process and the
 * CLIs share it. After `threshold` failed runs in a row it opens: syncs are
 * skipped (reads keep serving the cache) until the back-off ends; then exactly
 * one probe run is let through. Its success closes the breaker; its failure
 * reopens it with twice the back-off, up to a maximum.
 */

export interface BreakerSettings {
  threshold: number;
  backoffSeconds: number;
  maxBackoffSeconds: number;
}

export function breakerSettingsFromEnv(): BreakerSettings {
  const env = getEnv();
  return {
    threshold: env.ERP_BREAKER_THRESHOLD,
    backoffSeconds: env.ERP_BREAKER_BACKOFF_SECONDS,
    maxBackoffSeconds: Math.max(env.ERP_BREAKER_MAX_BACKOFF_SECONDS, env.ERP_BREAKER_BACKOFF_SECONDS),
  };
}

export type BreakerGate =
  | { allowed: true; probe: boolean }
  | { allowed: false; reopensAt: Date | null; lastError: string | null };

// A probe that has not reported for this long is presumed dead; another may try.
const PROBE_TIMEOUT = "2 minutes";

/** May a sync call the ERP now? Claims the probe when the back-off has ended. */
export async function passBreaker(db: Queryable): Promise<BreakerGate> {
  const { rows } = await db.query<{ state: string; open_now: boolean; opened_until: Date | null; last_error: string | null }>(
    `select state, opened_until > now() as open_now, opened_until, last_error from erp_health where id = 1`,
  );
  const health = rows[0];
  if (!health || health.state === "closed") return { allowed: true, probe: false };
  if (!health.open_now) {
    const probe = await db.query(
      `update erp_health set probe_started_at = now(), updated_at = now()
        where id = 1 and state = 'open' and opened_until <= now()
          and (probe_started_at is null or probe_started_at < now() - interval '${PROBE_TIMEOUT}')
        returning id`,
    );
    if (probe.rowCount) return { allowed: true, probe: true };
  }
  return { allowed: false, reopensAt: health.opened_until, lastError: health.last_error };
}

/** The ERP answered: close the breaker (cheap no-op when it is already healthy). */
export async function recordErpSuccess(db: Queryable): Promise<void> {
  await db.query(
    `update erp_health
        set state = 'closed', consecutive_failures = 0, backoff_seconds = 0, opened_until = null,
            probe_started_at = null, last_success_at = now(), updated_at = now()
      where id = 1
        and (state = 'open' or consecutive_failures > 0 or last_success_at is null
             or last_success_at < now() - interval '1 minute')`,
  );
}

/** A run failed at the ERP: count it, and open (or reopen, doubled) at the threshold. */
export async function recordErpFailure(db: Queryable, message: string, settings: BreakerSettings): Promise<{ open: boolean; openedUntil: Date | null }> {
  const { rows } = await db.query<{ state: string; opened_until: Date | null }>(
    `with current as (select * from erp_health where id = 1 for update),
          next as (
            select consecutive_failures + 1 as failures,
                   case when state = 'open' then least(greatest(backoff_seconds * 2, $2), $3)
                        when consecutive_failures + 1 >= $4 then $2
                        else 0 end as backoff
              from current)
     update erp_health h
        set consecutive_failures = next.failures,
            backoff_seconds = next.backoff,
            state = case when next.backoff > 0 then 'open' else 'closed' end,
            opened_until = case when next.backoff > 0 then now() + make_interval(secs => next.backoff) else null end,
            probe_started_at = null,
            last_error = $1,
            last_error_at = now(),
            updated_at = now()
       from next
      where h.id = 1
      returning h.state, h.opened_until`,
    [message, settings.backoffSeconds, settings.maxBackoffSeconds, settings.threshold],
  );
  return { open: rows[0]?.state === "open", openedUntil: rows[0]?.opened_until ?? null };
}

export interface ErpStatus {
  available: boolean;
  consecutiveFailures: number;
  reopensAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
}

export async function readErpStatus(db: Queryable): Promise<ErpStatus> {
  const { rows } = await db.query<{
    state: string;
    consecutive_failures: number;
    opened_until: Date | null;
    last_error: string | null;
    last_error_at: Date | null;
    last_success_at: Date | null;
  }>(`select state, consecutive_failures, opened_until, last_error, last_error_at, last_success_at from erp_health where id = 1`);
  const row = rows[0];
  return {
    available: !row || row.state === "closed",
    consecutiveFailures: row?.consecutive_failures ?? 0,
    reopensAt: row?.opened_until ?? null,
    lastError: row?.last_error ?? null,
    lastErrorAt: row?.last_error_at ?? null,
    lastSuccessAt: row?.last_success_at ?? null,
  };
}
