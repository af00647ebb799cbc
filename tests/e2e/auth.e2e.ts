/**
 * Accounts end to end, in Chromium against the built app: sign up, sign out, sign in, the same
 * message for a wrong password and an unknown email, the rate limit, settings (profile, password,
 * sign out everywhere, delete account) with old cookies replayed in a fresh browser, and bad input
 * on every form.
 *
 * Failed sign-ins in this file (each counts against the 50 per address that all browser test
 * files of a run share): 2 (same message) + 10 (rate limit) + 1 (old password) + 1 (deleted
 * account) + 1 (wrong current password) + 1 (wrong password to delete) = 16.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  type BrowserContext,
  collectServerErrors,
  type Cookie,
  contextWithCookies,
  describedBy,
  landsOn,
  launch,
  hasChromium,
  newPage,
  type Page,
  sessionCookies,
  signInAndWait,
  signUp,
  STRONG_PASSWORD,
  submitForm,
  uniqueEmail,
} from "./browser";

const WRONG = "The email or password is incorrect.";
const LIMITED = "Too many failed sign-in attempts. Wait 15 minutes and try again.";

describe.skipIf(!hasChromium)("accounts", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const serverErrors: string[][] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    // No page a test opened may have met a server error (bad input included).
    expect(serverErrors.splice(0).flat()).toEqual([]);
  });

  /** A new browser (its own cookies) whose server errors fail the test. */
  async function open(opts: { phone?: boolean; timezoneId?: string } = {}): Promise<Page> {
    const { context, page } = await newPage(browser, opts);
    contexts.push(context);
    serverErrors.push(collectServerErrors(page));
    return page;
  }

  /** A fresh browser carrying copied cookies. */
  async function replay(cookies: Cookie[]): Promise<Page> {
    const { context, page } = await contextWithCookies(browser, cookies);
    contexts.push(context);
    serverErrors.push(collectServerErrors(page));
    return page;
  }

  /** Submits the form that holds `button` and waits for the server's answer to show. */
  async function submit(page: Page, button: string, waitFor: string): Promise<void> {
    await submitForm(page, button);
    await page.getByText(waitFor, { exact: false }).first().waitFor();
  }

  it("signs up, lands signed in with the browser's time zone, signs out, and signs in again", async () => {
    const page = await open({ timezoneId: "America/Chicago" });
    const { email, password } = await signUp(page, { name: "Avery Quinn" });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Avery Quinn");
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
    // The time zone came from the browser at sign-up.
    await page.goto("/settings");
    expect(await page.getByLabel("Time zone").inputValue()).toBe("America/Chicago");

    const copied = await sessionCookies(page.context());
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect((await page.context().cookies()).filter((c) => c.name.includes("session-token"))).toEqual([]);
    // The session ended on the server too: a copy of the cookie taken before is refused (ASVS 7.4.1).
    const attacker = await replay(copied);
    expect(await landsOn(attacker, "/dashboard")).toBe("/sign-in");
    expect(await landsOn(page, "/dashboard")).toBe("/sign-in");
    expect(await landsOn(page, "/settings")).toBe("/sign-in");

    // The email in another letter case signs in to the same account.
    expect(await signInAndWait(page, email.toUpperCase(), password)).toBe("signed-in");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Avery Quinn");
    // Signed in, the auth pages send the holder on to the dashboard.
    expect(await landsOn(page, "/sign-in")).toBe("/dashboard");
    expect(await landsOn(page, "/sign-up")).toBe("/dashboard");
  });

  it("says the same for a wrong password and an unknown email, keeps the email and clears the password", async () => {
    const page = await open();
    const { email } = await signUp(page);
    await page.context().clearCookies();

    const wrongPassword = await signInAndWait(page, email, "not the password at all");
    const wrongPasswordState = {
      email: await page.getByLabel("Email").inputValue(),
      password: await page.getByLabel("Password").inputValue(),
      path: new URL(page.url()).pathname,
    };
    const unknown = uniqueEmail("nobody");
    const unknownEmail = await signInAndWait(page, unknown, "not the password at all");
    expect(wrongPassword).toEqual({ refused: WRONG });
    expect(unknownEmail).toEqual({ refused: WRONG });
    expect(wrongPasswordState).toEqual({ email, password: "", path: "/sign-in" });
    expect(await page.getByLabel("Email").inputValue()).toBe(unknown);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await landsOn(page, "/dashboard")).toBe("/sign-in");
  });

  it("refuses the 11th failed sign-in for one account within 15 minutes, even with the right password", async () => {
    const page = await open();
    const { email, password } = await signUp(page);
    await page.context().clearCookies();
    for (let i = 1; i <= 10; i++) {
      expect(await signInAndWait(page, email, `wrong guess number ${i}`), `failure ${i}`).toEqual({ refused: WRONG });
    }
    expect(await signInAndWait(page, email, password)).toEqual({ refused: LIMITED });
    expect(await landsOn(page, "/dashboard")).toBe("/sign-in");
    // Another browser does not get around it either; the limit is kept in the database.
    const other = await open();
    expect(await signInAndWait(other, email.toLowerCase(), password)).toEqual({ refused: LIMITED });
  });

  describe("settings", () => {
    it("changes name and time zone, and they persist after a reload", async () => {
      const page = await open({ timezoneId: "UTC" });
      await signUp(page, { name: "Robin Old" });
      await page.goto("/settings");
      await page.getByLabel("Name", { exact: true }).fill("Robin New");
      await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
      await page.getByLabel("ASCM customer ID (optional)").fill("4711-A");
      await page.getByLabel("I am an ASCM member").check();
      await submit(page, "Save profile", "Your profile is saved.");
      await page.reload();
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Robin New");
      expect(await page.getByLabel("Time zone").inputValue()).toBe("Asia/Tokyo");
      expect(await page.getByLabel("ASCM customer ID (optional)").inputValue()).toBe("4711-A");
      expect(await page.getByLabel("I am an ASCM member").isChecked()).toBe(true);
      await page.goto("/dashboard");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Robin New");
    });

    it("changes the password: the old cookie is refused, the new password signs in, the old one does not", async () => {
      const page = await open();
      const { email, password } = await signUp(page);
      const oldCookies = await sessionCookies(page.context());
      // Before the change the copied cookie works (so the refusal below means something).
      const before = await replay(oldCookies);
      expect(await landsOn(before, "/dashboard")).toBe("/dashboard");

      await page.goto("/settings");
      const newPassword = "a completely different passphrase 42";
      await page.getByLabel("Current password").fill(password);
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("Confirm new password").fill(newPassword);
      await submit(page, "Change password", "Your password is changed.");
      // This browser got a fresh cookie and stays signed in.
      expect(await landsOn(page, "/dashboard")).toBe("/dashboard");
      // The copied old cookie, in a fresh browser and in the one that had it: refused.
      const attacker = await replay(oldCookies);
      expect(await landsOn(attacker, "/dashboard")).toBe("/sign-in");
      expect(await landsOn(before, "/settings")).toBe("/sign-in");

      const fresh = await open();
      expect(await signInAndWait(fresh, email, password)).toEqual({ refused: WRONG });
      expect(await signInAndWait(fresh, email, newPassword)).toBe("signed-in");
    });

    it("signs out everywhere: every browser of the holder, and copied cookies, are refused", async () => {
      const page = await open();
      const { email, password } = await signUp(page);
      const laptop = await open();
      expect(await signInAndWait(laptop, email, password)).toBe("signed-in");
      const copied = await sessionCookies(page.context());

      await page.goto("/settings");
      // A confirmation first, which says that API tokens go too.
      await page.getByText("Sign out everywhere…").click();
      expect(await page.getByText("You have no API tokens to revoke.").isVisible()).toBe(true);
      await page.getByRole("button", { name: "Sign out everywhere and revoke API tokens" }).click();
      await page.waitForURL("**/sign-in?signedOut=everywhere");
      expect(await page.getByText("You are signed out on every device, and your API tokens are revoked.").isVisible()).toBe(true);

      expect(await landsOn(laptop, "/dashboard")).toBe("/sign-in");
      const attacker = await replay(copied);
      expect(await landsOn(attacker, "/dashboard")).toBe("/sign-in");
      expect(await landsOn(attacker, "/settings")).toBe("/sign-in");
      // The holder signs in again as usual.
      expect(await signInAndWait(page, email, password)).toBe("signed-in");
    });

    it("deletes the account: the old cookie is refused, sign-in fails, and the email can sign up again", async () => {
      const page = await open();
      const { email, password } = await signUp(page, { name: "Leaving Holder" });
      const copied = await sessionCookies(page.context());
      await page.goto("/settings");
      await page.getByLabel("Your password").fill(password);
      await page.getByLabel("Type DELETE to confirm").fill("DELETE");
      await page.getByRole("button", { name: "Delete my account and all my data" }).click();
      await page.waitForURL((url) => url.pathname === "/");
      // The landing page says what happened, politely (a status, not an alert).
      expect(new URL(page.url()).search).toBe("?deleted=1");
      expect(await page.getByRole("status").textContent()).toBe("Your account and all its data were deleted.");
      // Without the parameter it says nothing.
      await page.goto("/");
      expect(await page.getByRole("status").count()).toBe(0);

      const attacker = await replay(copied);
      expect(await landsOn(attacker, "/dashboard")).toBe("/sign-in");
      expect(await signInAndWait(page, email, password)).toEqual({ refused: WRONG });

      // The address is free again: a new account, starting empty.
      const again = await open();
      await signUp(again, { email: email.toUpperCase(), name: "Back Again" });
      expect(await again.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Back Again");
    });
  });

  describe("bad input gets a message next to the field, keeps what was typed, stores nothing", () => {
    it("on the sign-up form", async () => {
      const page = await open();
      await page.goto("/sign-up");
      const name = page.getByLabel("Name");
      const email = page.getByLabel("Email");
      const password = page.getByLabel("Password", { exact: true });
      const confirm = page.getByLabel("Confirm password");
      const send = () => submitForm(page, "Create account");

      // Empty.
      await send();
      expect(await describedBy(name)).toBe("Enter your name.");
      expect(await describedBy(email)).toBe("Enter your email address.");
      expect(await describedBy(password)).toContain("Enter a password.");
      expect(await name.getAttribute("aria-invalid")).toBe("true");

      // Too long, malformed, mismatched: each message on its own field; typed text kept, passwords not.
      const address = uniqueEmail("typo");
      const cases: { label: string; fill: Record<string, string>; field: () => typeof name; message: string }[] = [
        { label: "name too long", fill: { name: "N".repeat(101), email: address }, field: () => name, message: "Use at most 100 characters." },
        { label: "malformed email", fill: { name: "Sam Typo", email: "sam.example.com" }, field: () => email, message: "Enter an email address like name@example.com." },
        { label: "email too long", fill: { name: "Sam Typo", email: `${"s".repeat(250)}@example.com` }, field: () => email, message: "Use at most 254 characters." },
        { label: "short password", fill: { name: "Sam Typo", email: address, password: "short", confirm: "short" }, field: () => password, message: "Use at least 8 characters." },
        { label: "too long password", fill: { name: "Sam Typo", email: address, password: "p".repeat(129), confirm: "p".repeat(129) }, field: () => password, message: "Use at most 128 characters." },
        { label: "common password", fill: { name: "Sam Typo", email: address, password: "password1", confirm: "password1" }, field: () => password, message: "one of the most common" },
        { label: "mismatched passwords", fill: { name: "Sam Typo", email: address, password: STRONG_PASSWORD, confirm: STRONG_PASSWORD + "!" }, field: () => confirm, message: "The two passwords do not match." },
      ];
      for (const c of cases) {
        // The browser's own limits are lifted: the server must hold without them.
        await name.evaluate((el) => el.removeAttribute("maxlength"));
        await name.fill(c.fill.name ?? "");
        await email.fill(c.fill.email ?? "");
        await password.fill(c.fill.password ?? STRONG_PASSWORD);
        await confirm.fill(c.fill.confirm ?? STRONG_PASSWORD);
        await send();
        expect(await describedBy(c.field()), c.label).toContain(c.message);
        expect(new URL(page.url()).pathname, c.label).toBe("/sign-up");
        expect(await name.inputValue(), c.label).toBe(c.fill.name);
        expect(await email.inputValue(), c.label).toBe(c.fill.email);
        expect(await password.inputValue(), c.label).toBe("");
        expect(await confirm.inputValue(), c.label).toBe("");
      }

      // Nothing was stored: the address used above signs up now, once.
      await signUp(page, { email: address, name: "Sam Typo" });
      await page.context().clearCookies();

      // The same address in another letter case is refused, next to the email field.
      await page.goto("/sign-up");
      const upper = address.toUpperCase();
      await name.fill("Sam Again");
      await email.fill(upper);
      await password.fill(STRONG_PASSWORD);
      await confirm.fill(STRONG_PASSWORD);
      await send();
      expect(await describedBy(email)).toBe("An account with this email already exists. Sign in instead, or use another email.");
      expect(await email.inputValue()).toBe(upper);
      expect(await name.inputValue()).toBe("Sam Again");
      expect(await landsOn(page, "/dashboard")).toBe("/sign-in");
    });

    it("on the sign-in form (without counting as failed sign-ins)", async () => {
      const page = await open();
      await page.goto("/sign-in");
      const email = page.getByLabel("Email");
      const password = page.getByLabel("Password");
      await submitForm(page, "Sign in");
      expect(await describedBy(email)).toBe("Enter your email address.");
      expect(await describedBy(password)).toBe("Enter your password.");

      await email.fill("not-an-email");
      await password.fill("whatever it is");
      await submitForm(page, "Sign in");
      expect(await describedBy(email)).toBe("Enter an email address like name@example.com.");
      expect(await email.inputValue()).toBe("not-an-email");
      expect(await password.inputValue()).toBe("");
    });

    it("on the settings forms: profile, password and delete", async () => {
      const page = await open({ timezoneId: "Europe/Paris" });
      const { email: address, password: current } = await signUp(page, { name: "Kim Settings" });
      await page.goto("/settings");

      // Profile: empty name.
      const name = page.getByLabel("Name", { exact: true });
      const ascm = page.getByLabel("ASCM customer ID (optional)");
      await name.fill("");
      await ascm.fill("12 34;");
      await submitForm(page, "Save profile");
      expect(await describedBy(name)).toBe("Enter your name.");
      expect(await describedBy(ascm)).toContain("Use only letters, digits and dashes.");
      expect(await ascm.inputValue()).toBe("12 34;");
      // Too long, with the browser's limit lifted.
      await name.evaluate((el) => el.removeAttribute("maxlength"));
      await name.fill("K".repeat(101));
      await ascm.fill("");
      await submitForm(page, "Save profile");
      expect(await describedBy(name)).toBe("Use at most 100 characters.");
      expect(await name.inputValue()).toBe("K".repeat(101));
      // A time zone that is not on the list (a tampered form).
      const tz = page.getByLabel("Time zone");
      await tz.evaluate((el) => {
        const option = document.createElement("option");
        option.value = "Mars/Olympus_Mons";
        option.textContent = "Mars";
        el.appendChild(option);
      });
      await name.fill("Kim Settings");
      await tz.selectOption("Mars/Olympus_Mons");
      await submitForm(page, "Save profile");
      expect(await describedBy(tz)).toContain("Choose a time zone from the list.");
      // Nothing was stored.
      await page.reload();
      expect(await name.inputValue()).toBe("Kim Settings");
      expect(await tz.inputValue()).toBe("Europe/Paris");
      expect(await ascm.inputValue()).toBe("");

      // Password: empty, mismatched, short, wrong current password.
      const cur = page.getByLabel("Current password");
      const next = page.getByLabel("New password", { exact: true });
      const confirm = page.getByLabel("Confirm new password");
      await submitForm(page, "Change password");
      expect(await describedBy(cur)).toBe("Enter your current password.");
      expect(await describedBy(next)).toContain("Enter a password.");
      const passwordCases = [
        { cur: current, next: "brand new passphrase 1", confirm: "brand new passphrase 2", field: confirm, message: "The two passwords do not match." },
        { cur: current, next: "short", confirm: "short", field: next, message: "Use at least 8 characters." },
        { cur: current, next: "n".repeat(129), confirm: "n".repeat(129), field: next, message: "Use at most 128 characters." },
        { cur: "not my password", next: "brand new passphrase 1", confirm: "brand new passphrase 1", field: cur, message: "That is not your current password." },
      ];
      for (const c of passwordCases) {
        await cur.fill(c.cur);
        await next.fill(c.next);
        await confirm.fill(c.confirm);
        await submitForm(page, "Change password");
        expect(await describedBy(c.field), c.message).toContain(c.message);
        expect([await cur.inputValue(), await next.inputValue(), await confirm.inputValue()], c.message).toEqual(["", "", ""]);
      }

      // Delete: empty, not DELETE, wrong password.
      const pw = page.getByLabel("Your password");
      const word = page.getByLabel("Type DELETE to confirm");
      const sendDelete = () => submitForm(page, "Delete my account and all my data");
      await sendDelete();
      expect(await describedBy(pw)).toBe("Enter your password to confirm.");
      expect(await describedBy(word)).toBe("Type DELETE in capital letters to confirm.");
      await pw.fill(current);
      await word.fill("delete");
      await sendDelete();
      expect(await describedBy(word)).toBe("Type DELETE in capital letters to confirm.");
      expect(await word.inputValue()).toBe("delete");
      expect(await pw.inputValue()).toBe("");
      await pw.fill("not my password");
      await word.fill("DELETE");
      await sendDelete();
      expect(await describedBy(pw)).toBe("That is not your password.");

      // Nothing changed: still signed in, the account and its password as they were.
      expect(await landsOn(page, "/dashboard")).toBe("/dashboard");
      const other = await open();
      expect(await signInAndWait(other, address, current)).toBe("signed-in");
    });
  });
});
