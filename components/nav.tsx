"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLiveUpdates } from "./providers";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/sales", label: "Sales" },
  { href: "/inventory", label: "Stock" },
  { href: "/movements", label: "Movements" },
];

/** Pages only admins may open; shown to admins only (the pages check the role themselves). */
const ADMIN_LINKS = [
  { href: "/admin/hydration", label: "Hydration" },
  { href: "/admin/syncs", label: "Sync history" },
  { href: "/admin/users", label: "Users" },
];

export function Nav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const live = useLiveUpdates();
  const links = isAdmin ? [...LINKS, ...ADMIN_LINKS] : LINKS;
  return (
    <>
      <nav aria-label="Main">
        {links.map((link) => {
          const current = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
          return (
            <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined}>
              {link.label}
            </Link>
          );
        })}
      </nav>
      <span className={`live live-${live}`} title={live === "live" ? "Live updates on" : live === "offline" ? "Live updates lost; reconnecting…" : "Connecting live updates…"}>
        <span className="badge-dot" aria-hidden="true" /> {live === "live" ? "live" : live === "offline" ? "offline" : "…"}
      </span>
    </>
  );
}
