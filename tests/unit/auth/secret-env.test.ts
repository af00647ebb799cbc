import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MissingSecretError, resolveAuthSecret } from "@/lib/auth/secret";
import { env, isEmbedded, resetEnvForTests } from "@/lib/env";

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "recert-secret-"));
  // A clean slate: none of the variables this file is about, whatever the shell running the tests has.
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "APP_URL", "SMTP_URL", "MAIL_FROM", "REMINDER_TICK", "PGLITE_DIR", "TRUST_PROXY"]) {
    vi.stubEnv(name, undefined);
  }
  resetEnvForTests();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("env(): parsed once, with clear messages", () => {
  it("has defaults for everything optional", () => {
    vi.stubEnv("NODE_ENV", "production");
    const e = env();
    expect(e.NODE_ENV).toBe("production");
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.AUTH_SECRET).toBeUndefined();
    expect(e.MAIL_FROM).toBe("Recert <no-reply@recert.local>");
    expect(e.REMINDER_TICK).toBe("on");
    expect(e.TRUST_PROXY).toBe(0);
    expect(isEmbedded()).toBe(true);
  });

  it("reads a PostgreSQL URL and a secret", () => {
    vi.stubEnv("DATABASE_URL", "postgres://recert:pw@db.internal:5432/recert");
    vi.stubEnv("AUTH_SECRET", "s".repeat(32));
    const e = env();
    expect(e.DATABASE_URL).toBe("postgres://recert:pw@db.internal:5432/recert");
    expect(e.AUTH_SECRET).toBe("s".repeat(32));
    expect(isEmbedded()).toBe(false);
  });

  it("is parsed once: a later change of process.env is not seen until reset", () => {
    vi.stubEnv("REMINDER_TICK", "off");
    expect(env().REMINDER_TICK).toBe("off");
    vi.stubEnv("REMINDER_TICK", "on");
    expect(env().REMINDER_TICK).toBe("off");
    resetEnvForTests();
    expect(env().REMINDER_TICK).toBe("on");
  });

  it.each([
    { label: "a DATABASE_URL that is not a URL", name: "DATABASE_URL", value: "not a url", expected: /DATABASE_URL/ },
    { label: "an AUTH_SECRET under 32 characters", name: "AUTH_SECRET", value: "short", expected: /AUTH_SECRET: AUTH_SECRET must be at least 32 characters/ },
    { label: "an unknown NODE_ENV", name: "NODE_ENV", value: "staging", expected: /NODE_ENV/ },
    { label: "a REMINDER_TICK other than on/off", name: "REMINDER_TICK", value: "yes", expected: /REMINDER_TICK/ },
    { label: "an APP_URL that is not a URL", name: "APP_URL", value: "recert.example.com", expected: /APP_URL/ },
    { label: "a TRUST_PROXY that is neither true/false nor a count", name: "TRUST_PROXY", value: "10.0.0.0/8", expected: /TRUST_PROXY: TRUST_PROXY must be "false"/ },
  ])("stops with a message naming the variable for $label", ({ name, value, expected }) => {
    vi.stubEnv(name, value);
    expect(() => env()).toThrow(/^Recert cannot start: the environment is invalid\./);
    expect(() => env()).toThrow(expected);
  });

  it.each([
    { label: "host:port/db without a scheme (parses as protocol 'localhost:')", value: "localhost:5432/db", says: /must start with postgres:\/\/ or postgresql:\/\/ \(it starts with "localhost:"\)/ },
    { label: "another scheme", value: "mysql://db.internal/recert", says: /must start with postgres:\/\/ or postgresql:\/\// },
    { label: "an http URL", value: "http://db.internal:5432/recert", says: /must start with postgres:\/\// },
    { label: "no host", value: "postgres:///recert", says: /names no host/ },
    { label: "not a URL at all", value: "recert", says: /is not a URL/ },
  ])("refuses a DATABASE_URL that is $label, naming the variable and an example", ({ value, says }) => {
    vi.stubEnv("DATABASE_URL", value);
    let message = "";
    try {
      env();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Recert cannot start: the environment is invalid\./);
    expect(message).toContain("  DATABASE_URL: DATABASE_URL ");
    expect(message).toMatch(says);
    expect(message).toContain("postgres://recert:password@db.internal:5432/recert");
  });

  it.each(["postgres://db.internal/recert", "postgresql://recert:pw@127.0.0.1:5432/recert?sslmode=require", "postgres://recert@[::1]:5432/recert"])(
    "accepts the PostgreSQL URL %s",
    (value) => {
      vi.stubEnv("DATABASE_URL", value);
      expect(env().DATABASE_URL).toBe(value);
    },
  );

  it("does not print the value of a bad secret", () => {
    vi.stubEnv("AUTH_SECRET", "hunter2-secret");
    let message = "";
    try {
      env();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("AUTH_SECRET");
    expect(message).not.toContain("hunter2-secret");
  });
});

describe("resolveAuthSecret()", () => {
  const secretFile = () => path.join(tmp, "data", "auth-secret");

  it("uses AUTH_SECRET when it is set, and writes nothing", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgres://db.internal/recert");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "data", "pglite"));
    expect(resolveAuthSecret()).toBe("x".repeat(40));
    expect(fs.existsSync(secretFile())).toBe(false);
  });

  it("refuses to start in production on a server database without AUTH_SECRET, saying what to do", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgres://db.internal/recert");
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "data", "pglite"));
    expect(() => resolveAuthSecret()).toThrow(MissingSecretError);
    let message = "";
    try {
      resolveAuthSecret();
    } catch (err) {
      expect(err).toBeInstanceOf(MissingSecretError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Recert cannot start: AUTH_SECRET is not set\./);
    expect(message).toContain("at least 32 characters");
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toContain("every replica");
    // Nothing was generated behind the operator's back.
    expect(fs.existsSync(secretFile())).toBe(false);
  });

  it.each([
    { label: "the embedded database in production (npm start, no setup)", nodeEnv: "production", databaseUrl: undefined },
    { label: "the embedded database in development", nodeEnv: "development", databaseUrl: undefined },
    { label: "a server database outside production", nodeEnv: "development", databaseUrl: "postgres://127.0.0.1/recert" },
  ])("generates a secret once beside the PGlite folder on $label, and reuses it", ({ nodeEnv, databaseUrl }) => {
    vi.stubEnv("NODE_ENV", nodeEnv);
    vi.stubEnv("DATABASE_URL", databaseUrl);
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "data", "pglite"));
    const first = resolveAuthSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(secretFile(), "utf8").trim()).toBe(first);
    expect(fs.statSync(secretFile()).mode & 0o777).toBe(0o600);
    // The PGlite folder itself is left alone (PGlite creates it; a stray file would break initdb).
    expect(fs.existsSync(path.join(tmp, "data", "pglite"))).toBe(false);

    resetEnvForTests();
    const second = resolveAuthSecret();
    expect(second).toBe(first);
    // No temp files are left behind.
    expect(fs.readdirSync(path.join(tmp, "data"))).toEqual(["auth-secret"]);
  });

  it("gives different installations different secrets", () => {
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "one", "pglite"));
    const one = resolveAuthSecret();
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "two", "pglite"));
    const two = resolveAuthSecret();
    expect(one).not.toBe(two);
  });

  it("replaces a stored secret that is too short (an empty file after a crash) instead of using it", () => {
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "data", "pglite"));
    fs.mkdirSync(path.join(tmp, "data"), { recursive: true });
    fs.writeFileSync(secretFile(), "");
    const secret = resolveAuthSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(secretFile(), "utf8").trim()).toBe(secret);
    expect(resolveAuthSecret()).toBe(secret);
  });

  it("keeps a secret an operator stored by hand", () => {
    vi.stubEnv("PGLITE_DIR", path.join(tmp, "data", "pglite"));
    fs.mkdirSync(path.join(tmp, "data"), { recursive: true });
    fs.writeFileSync(secretFile(), `  ${"k".repeat(48)}\n`);
    expect(resolveAuthSecret()).toBe("k".repeat(48));
  });
});
