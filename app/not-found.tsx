import { Logo } from "@/app/_components/logo";
import { ButtonLink } from "@/app/_components/ui";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center px-4 text-center">
      <Logo />
      <h1 className="mt-8 text-2xl font-bold text-ink">Page not found</h1>
      <p className="mt-2 text-sm text-muted">The page you asked for does not exist, or it is not yours to see.</p>
      <ButtonLink href="/" className="mt-6">
        Back to Recert
      </ButtonLink>
    </main>
  );
}
