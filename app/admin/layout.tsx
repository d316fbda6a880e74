import { requireAdmin } from "@/lib/auth/guards";

/**
 * Everything under /admin is for admins: a viewer gets the 403 page, an
 * anonymous visitor the sign-in page. Checked here before anything streams (so
 * the status really is 403); each admin page checks again itself, because a
 * layout does not re-render on navigation between its pages.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return children;
}
