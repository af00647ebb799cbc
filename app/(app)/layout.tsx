import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/app/_components/app-nav";
import { Banners } from "@/app/_components/banners";
import { Logo } from "@/app/_components/logo";
import { requireUser } from "@/lib/auth/session";
import { signOutAction } from "../(auth)/actions";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="no-print relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/dashboard" aria-label="Recert dashboard" className="flex shrink-0 items-center">
            <Logo />
          </Link>
          <AppNav />
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden max-w-40 truncate text-sm text-muted lg:inline" title={user.email}>
              {user.name}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <Banners />
        {children}
      </main>
    </div>
  );
}
