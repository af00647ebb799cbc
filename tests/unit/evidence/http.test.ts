import { describe, expect, it } from "vitest";
import { isSameOrigin, readLimited } from "@/lib/evidence/http";
import { MAX_UPLOAD_BODY, parseEvidenceUpload } from "@/lib/evidence/upload";

const h = (init: Record<string, string>) => new Headers(init);

describe("isSameOrigin", () => {
  it.each([
    ["same host and port", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, true],
    ["https behind a proxy that forwards the host", { origin: "https://recert.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "recert.example.com" }, true],
    ["host letter case", { origin: "https://Recert.Example.com", host: "recert.example.com" }, true],
    ["another site", { origin: "https://evil.example", host: "recert.example.com" }, false],
    ["a look-alike suffix", { origin: "https://recert.example.com.evil.example", host: "recert.example.com" }, false],
    ["another port", { origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000" }, false],
    ["no Origin header", { host: "127.0.0.1:3000" }, false],
    ["Origin null (sandboxed frame)", { origin: "null", host: "127.0.0.1:3000" }, false],
    ["a malformed Origin", { origin: "not a url", host: "127.0.0.1:3000" }, false],
  ])("%s", (_label, headers, expected) => {
    expect(isSameOrigin(h(headers))).toBe(expected);
  });
});

function streamOf(chunks: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const c = chunks[i++];
      if (c) controller.enqueue(c);
      else controller.close();
    },
    cancel() {
      onCancel?.();
    },
  });
}

describe("readLimited", () => {
  it("reads a body within the limit", async () => {
    const r = await readLimited(streamOf([new Uint8Array([1, 2]), new Uint8Array([3])]), 3);
    expect(r).toEqual({ ok: true, bytes: new Uint8Array([1, 2, 3]) });
  });
  it("stops and cancels as soon as the limit is passed", async () => {
    let cancelled = false;
    const chunk = new Uint8Array(1000);
    const r = await readLimited(streamOf(Array.from({ length: 100 }, () => chunk), () => (cancelled = true)), 2500);
    expect(r).toEqual({ ok: false, reason: "too_large" });
    expect(cancelled).toBe(true);
  });
  it("says when there is no body", async () => {
    expect(await readLimited(null, 10)).toEqual({ ok: false, reason: "no_body" });
  });
});

function multipart(files: { name: string; bytes: Uint8Array }[], extra: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([Buffer.from(f.bytes)]), f.name);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return new Request("http://127.0.0.1/api/evidence", { method: "POST", body: form });
}

describe("parseEvidenceUpload", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

  it("reads one file from multipart/form-data", async () => {
    const r = await parseEvidenceUpload(multipart([{ name: "c.pdf", bytes: pdf }]), "a1");
    expect(r).toMatchObject({ ok: true, activityId: "a1", fileName: "c.pdf" });
    expect(r.ok && [...r.bytes]).toEqual([...pdf]);
  });
  it("needs the activity", async () => {
    expect(await parseEvidenceUpload(multipart([{ name: "c.pdf", bytes: pdf }]), null)).toMatchObject({
      ok: false,
      status: 400,
      code: "missing_activity",
      fields: { activityId: expect.stringContaining("activityId") },
    });
  });
  it("refuses a body that is not multipart", async () => {
    const req = new Request("http://x/", { method: "POST", body: pdf, headers: { "content-type": "application/pdf" } });
    expect(await parseEvidenceUpload(req, "a1")).toMatchObject({ ok: false, status: 415, code: "not_multipart" });
  });
  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(10));
      },
    });
    const req = new Request("http://x/", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": "multipart/form-data; boundary=abc", "content-length": String(MAX_UPLOAD_BODY + 1) },
    } as RequestInit);
    expect(await parseEvidenceUpload(req, "a1")).toMatchObject({ ok: false, status: 413, code: "too_large", message: expect.stringContaining("10 MB") });
    expect(pulled).toBeLessThanOrEqual(1);
  });
  it("cuts off an undeclared body past the limit with 413", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    const body = streamOf(Array.from({ length: 12 }, () => chunk));
    const req = new Request("http://x/", { method: "POST", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=abc" } } as RequestInit);
    expect(await parseEvidenceUpload(req, "a1")).toMatchObject({ ok: false, status: 413, code: "too_large" });
  });
  it("refuses a form without a file", async () => {
    expect(await parseEvidenceUpload(multipart([], { note: "x" }), "a1")).toMatchObject({ ok: false, status: 400, code: "no_file" });
  });
  it("refuses two files at once", async () => {
    const r = await parseEvidenceUpload(multipart([{ name: "a.pdf", bytes: pdf }, { name: "b.pdf", bytes: pdf }]), "a1");
    expect(r).toMatchObject({ ok: false, status: 400, code: "one_file" });
  });
  it("refuses a broken multipart body", async () => {
    const req = new Request("http://x/", { method: "POST", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=abc" } });
    expect(await parseEvidenceUpload(req, "a1")).toMatchObject({ ok: false, status: 400, code: "bad_multipart" });
  });
});
