/** Text of every page of a PDF, extracted with pdfjs-dist (legacy build, runs in Node). */
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    // Items on one baseline are joined with a space; a new baseline starts a new line.
    let lastY: number | null = null;
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const y = item.transform[5] as number;
      if (lastY !== null) text += Math.abs(y - lastY) > 1 ? "\n" : " ";
      text += item.str;
      lastY = y;
    }
    pages.push(text);
  }
  await doc.destroy();
  return pages;
}
