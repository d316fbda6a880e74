import type pg from "pg";

export interface EmailLimit {
  /** Failed sign-ins allowed per address within the window. */
  maxFailures: number;
  windowSeconds: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One spelling per address, as better-auth stores it. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Counts a sign-in attempt for `email` before the password is checked, and
 * refuses it when the address already has `maxFailures` attempts in the
 * current window. Counting up front, in one statement, means a burst of
 * concurrent guesses cannot all pass a stale count; a successful sign-in then
 * clears the count (clearSignInFailures), so only failures remain counted.
 */
export async function recordSignInAttempt(pool: pg.Pool, email: string, limit: EmailLimit): Promise<AttemptDecision> {
  const { rows } = await pool.query<{ failures: number }>(
    `insert into auth_sign_in_failures as f (email, failures, window_started_at)
     values ($1, 1, now())
     on conflict (email) do update set
       failures = case when f.window_started_at <= now() - make_interval(secs => $2) then 1 else f.failures + 1 end,
       window_started_at = case when f.window_started_at <= now() - make_interval(secs => $2) then now() else f.window_started_at end
     where f.window_started_at <= now() - make_interval(secs => $2) or f.failures < $3
     returning failures`,
    [emailKey(email), limit.windowSeconds, limit.maxFailures],
  );
  if (rows.length) return { allowed: true };
  const { rows: blocked } = await pool.query<{ retry_after: number }>(
    `select greatest(1, ceil(extract(epoch from window_started_at + make_interval(secs => $2) - now())))::int as retry_after
       from auth_sign_in_failures where email = $1`,
    [emailKey(email), limit.windowSeconds],
  );
  return { allowed: false, retryAfterSeconds: blocked[0]?.retry_after ?? limit.windowSeconds };
}

/** After a successful sign-in: the address starts from zero. Also drops long-expired rows of other addresses. */
export async function clearSignInFailures(pool: pg.Pool, email: string, limit: EmailLimit): Promise<void> {
  await pool.query(
    "delete from auth_sign_in_failures where email = $1 or window_started_at < now() - make_interval(secs => $2)",
    [emailKey(email), limit.windowSeconds],
  );
}
