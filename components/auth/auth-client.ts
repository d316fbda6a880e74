import { adminClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { roles } from "@/lib/auth/access-control";

/**
 * better-auth in the browser: sign-in, sign-out and the admin endpoints
 * (/api/auth/*, same origin). The server enforces every rule; `roles` only
 * types the role names (viewer, admin).
 */
export const authClient = createAuthClient({ plugins: [adminClient({ roles })] });
