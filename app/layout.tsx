import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Recert: keep your certification alive", template: "%s · Recert" },
  description:
    "Recert tracks the professional development points your ASCM certification (CPIM, CSCP, CLTD, CTSC) needs every five years, and tells you in time.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#17705f" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
