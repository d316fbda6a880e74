import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import type pg from "pg";
import { clearSignInFailures, recordSignInAttempt, type EmailLimit } from "./email-limit";
import { describeProblem, newUserInput, roleChangeInput } from "./user-input";

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const SIGN_IN = "/sign-in/email";
const CREATE_USER = "/admin/create-user";
const SET_ROLE = "/admin/set-role";

function badRequest(message: string): APIError {
  return new APIError("BAD_REQUEST", { message, code: "INVALID_INPUT" });
}

/** Whole minutes, so the message reads naturally ("Try again in 15 minutes."). */
function inMinutes(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * The app's rules on top of better-auth, as hooks on its endpoints:
 * - sign-in: at most `emailLimit.maxFailures` failed attempts per address per
 *   window (429, the same for every address, so it reveals nothing);
 * - creating a user: a valid email, a name, a password of 10+ characters and a
 *   known role (the admin plugin itself checks only the email);
 * - changing a role: one known role, and never your own – so the admin making
 *   changes always stays an admin, and there is always one.
 * The admin checks run only for signed-in admins; the plugin answers everyone
 * else with 401/403 before looking at the input.
 */
export function appPolicy(options: { pool: pg.Pool; emailLimit: EmailLimit }): BetterAuthPlugin {
  const { pool, emailLimit } = options;
  const signInEmail = (ctx: HookContext): string | undefined => (typeof ctx.body?.email === "string" ? ctx.body.email : undefined);

  async function signedInAdmin(ctx: HookContext) {
    const session = await getSessionFromCtx(ctx);
    return session && (session.user as { role?: string }).role === "admin" ? session : null;
  }

  return {
    id: "erp-cache-policy",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            const email = signInEmail(ctx);
            if (!email) return; // the endpoint answers 400 for a missing address
            const decision = await recordSignInAttempt(pool, email, emailLimit);
            if (!decision.allowed) {
              throw new APIError(
                "TOO_MANY_REQUESTS",
                { message: `Too many failed sign-in attempts for this address. Try again in ${inMinutes(decision.retryAfterSeconds)}.`, code: "TOO_MANY_ATTEMPTS" },
                { "Retry-After": String(decision.retryAfterSeconds) },
              );
            }
          }),
        },
        {
          matcher: (ctx) => ctx.path === CREATE_USER,
          handler: createAuthMiddleware(async (ctx) => {
            // Server-side calls without a request (the first admin at start-up) are trusted.
            if (!ctx.request && !ctx.headers) return;
            if (!(await signedInAdmin(ctx))) return;
            const parsed = newUserInput.safeParse(ctx.body);
            if (!parsed.success) throw badRequest(describeProblem(parsed.error));
          }),
        },
        {
          matcher: (ctx) => ctx.path === SET_ROLE,
          handler: createAuthMiddleware(async (ctx) => {
            const session = await signedInAdmin(ctx);
            if (!session) return;
            const parsed = roleChangeInput.safeParse(ctx.body);
            if (!parsed.success) throw badRequest(describeProblem(parsed.error));
            if (parsed.data.userId === session.user.id) throw badRequest("You cannot change your own role; another admin can.");
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            const email = signInEmail(ctx);
            if (email && ctx.context.returned !== undefined && !isAPIError(ctx.context.returned)) {
              await clearSignInFailures(pool, email, emailLimit);
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
