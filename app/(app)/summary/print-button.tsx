"use client";

import { Button } from "@/app/_components/ui";

export function PrintButton() {
  return (
    <Button type="button" kind="secondary" onClick={() => window.print()} className="print:hidden">
      Print
    </Button>
  );
}
