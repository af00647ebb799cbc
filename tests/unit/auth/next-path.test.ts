import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/next-path";

describe("safeNextPath(): where a sign-in may send the holder", () => {
  it.each(["/dashboard", "/activities?type=course", "/summary/abc#top", "/settings"])("keeps the same-site path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    { label: "another site", value: "https://evil.example/" },
    { label: "a protocol-relative URL", value: "//evil.example/path" },
    { label: "a backslash trick", value: "/\\evil.example" },
    { label: "a backslash later on", value: "/foo\\..\\\\evil.example" },
    { label: "a javascript: URL", value: "javascript:alert(1)" },
    { label: "a relative path", value: "dashboard" },
    { label: "a newline (header splitting)", value: "/dashboard\r\nSet-Cookie: x=1" },
    { label: "a tab before slashes", value: "/\t/evil.example" },
    { label: "an empty value", value: "" },
    { label: "no value", value: null },
    { label: "a file upload", value: new Blob(["x"]) },
    { label: "a very long path", value: "/" + "a".repeat(5000) },
  ])("sends $label to the dashboard", ({ value }) => {
    expect(safeNextPath(value)).toBe("/dashboard");
  });
});
