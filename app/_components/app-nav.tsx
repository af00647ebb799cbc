"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cx } from "./ui";

export const NAV_ITEMS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/activities", label: "Activities" },
  { href: "/certifications", label: "Certifications" },
  { href: "/summary", label: "Summary" },
  { href: "/settings", label: "Settings" },
] as const;

export function AppNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = (
    <ul className="flex flex-col gap-1 md:flex-row md:gap-1">
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href + "/");
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={cx(
                "block rounded-md px-3 py-2 text-sm font-medium",
                active ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100 hover:text-ink",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
  return (
    <nav aria-label="Main" className="md:flex-1">
      <button
        type="button"
        className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium md:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div id="main-menu" className={cx(open ? "block" : "hidden", "absolute inset-x-0 top-16 z-20 border-b border-slate-200 bg-white p-3 shadow md:static md:block md:border-0 md:p-0 md:shadow-none")}>
        {links}
      </div>
    </nav>
  );
}
