import { Inngest } from "inngest";

// Reads INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY / INNGEST_DEV / INNGEST_BASE_URL itself.
export const inngest = new Inngest({ id: "erp-cache-dashboard" });
