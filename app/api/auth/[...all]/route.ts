import { getAuth } from "@/lib/auth/instance";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints: /api/auth/sign-in/email, /sign-out, /get-session,
 * /admin/* … Public to the proxy: each endpoint checks the session itself.
 * The instance is built on first use (the database may still be starting).
 */
async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
