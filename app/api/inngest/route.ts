import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { jobsMode } from "@/lib/env";

// Inngest calls this to run steps; in production every call must carry a valid
// signature (INNGEST_SIGNING_KEY) – the SDK refuses unsigned requests.
const handlers = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

/** In inline mode nothing is served here: say so plainly instead of the SDK's 500. */
function onlyInInngestMode(handler: Handler): Handler {
  return async (request, context) => {
    if (jobsMode() === "inngest") return handler(request, context);
    return Response.json(
      {
        error: "Inngest is not configured: this app runs its jobs inline (in-process queue and cron).",
        hint: "Set INNGEST_DEV=1 for a local Inngest dev server, or INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY for Inngest Cloud.",
        mode: "inline",
      },
      { status: 404 },
    );
  };
}

export const GET = onlyInInngestMode(handlers.GET);
export const POST = onlyInInngestMode(handlers.POST);
export const PUT = onlyInInngestMode(handlers.PUT);
