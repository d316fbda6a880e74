import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { HydrationConsole } from "@/components/admin/hydration-console";
import { getConsoleStatus, getCoverage } from "@/lib/data/admin";

export const metadata: Metadata = { title: "Hydration" };

export default async function HydrationPage() {
  await requireAdmin();
  const [coverage, status] = await Promise.all([getCoverage(), getConsoleStatus()]);
  return (
    <>
      <div className="page-header">
        <h1>Hydration</h1>
        <span className="kpi-sub">History from 2016-06, month by month; jobs run {status.erp.mode === "inngest" ? "on Inngest" : "inline in this app"}.</span>
      </div>
      <HydrationConsole initialCoverage={coverage} initialStatus={status} />
    </>
  );
}
