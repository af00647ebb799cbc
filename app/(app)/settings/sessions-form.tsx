"use client";

import { RevokeButton } from "./revoke-button";
import { revokeSessionAction } from "./sessions-actions";

export function RevokeSessionButton({ id, label }: { id: string; label: string }) {
  return <RevokeButton action={revokeSessionAction} id={id} label="Sign out" pendingLabel="Signing out…" ariaLabel={`Sign out ${label}`} />;
}
