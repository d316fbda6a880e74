"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLiveUpdates } from "./providers";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/sales", label: "Sales" },
  { href: "/inventory", label: "Stock" },
  { href: "/movements", label: "Movements" },
] as const;

export function Nav() {
  const pathname = usePathname();
  const live = useLiveUpdates();
  return (
    <>
      <nav aria-label="Main">
        {LINKS.map((link) => {
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
