import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { UserMenu } from "@/components/auth/user-menu";
import { Nav } from "@/components/nav";
import { Providers } from "@/components/providers";
import { getCurrentUser } from "@/lib/auth/guards";
import type { CurrentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ERP cache dashboard", template: "%s · ERP cache dashboard" },
  description: "Sales, stock and warehouse movements from the Tharanis ERP, served from a Postgres cache.",
};

/**
 * The header shows the navigation and the user only to a signed-in user; the
 * live-update stream (signed-in users only) starts only then. Access itself is
 * checked by each page (requireUser / requireAdmin), not here: layouts do not
 * re-render on every navigation.
 */
export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const user = await signedInUser();
  return (
    <html lang="en" className={GeistSans.variable}>
      <body>
        <Providers live={user !== null}>
          <header className="site-header">
            <Link href="/" className="brand">
              ERP cache
            </Link>
            {user && (
              <>
                <Nav isAdmin={user.role === "admin"} />
                <UserMenu email={user.email} role={user.role} />
              </>
            )}
          </header>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}

/** The user for the header; if the session cannot be read (database down), the header goes without and the page shows the error. */
async function signedInUser(): Promise<CurrentUser | null> {
  try {
    return await getCurrentUser();
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering) must pass
    console.error("[auth] reading the session for the header failed:", error);
    return null;
  }
}
