import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import Link from "next/link";
import { Nav } from "@/components/nav";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ERP cache dashboard", template: "%s · ERP cache dashboard" },
  description: "Sales, stock and warehouse movements from the Tharanis ERP, served from a Postgres cache.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body>
        <Providers>
          <header className="site-header">
            <Link href="/" className="brand">
              ERP cache
            </Link>
            <Nav />
          </header>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
