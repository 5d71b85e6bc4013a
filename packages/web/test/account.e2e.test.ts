// The Account view end to end in Chromium: core's hand-built account (as the CLI prints it, and
// as two raw-API pages dropped together) loaded from files, who can read an object (allowed,
// uncertain, denied with the reason), one principal's explanation, who can assume a role, the
// file problems shown with their place, and no request that carries the file.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arnOf, fixtureFile, fixtureText, withUncertainUser } from "./account-fixtures.js";
import { measureBundle } from "./bundle-size.js";
import { resultsDir, startHarness, unnamedControls, type Harness } from "./harness.js";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

interface Opened {
  page: Page;
  errors: string[];
  /** Every request the page made after the Account view opened. */
  requests: Request[];
}

async function openAccountView(viewport = { width: 1280, height: 800 }): Promise<Opened> {
  const page = await harness.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(harness.baseUrl);
  await page.waitForSelector("body[data-ready]");
  await page.getByText("Account: who can do an action?").click();
  await page.locator(".account").waitFor();
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  page.on("websocket", (socket) => errors.push(`websocket opened: ${socket.url()}`));
  return { page, errors, requests };
}

const view = (page: Page) => page.locator(".account");

async function pick(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await view(page)
    .locator("input[type=file]")
    .setInputFiles(
      files.map((f) => ({
        name: f.name,
        mimeType: "application/json",
        buffer: Buffer.from(f.text),
      })),
    );
}

/** The principals listed, with their status (allowed, uncertain, denied). */
async function listed(page: Page): Promise<Record<string, string>> {
  const entries = await view(page)
    .locator(".who-can-entry")
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute("data-principal"), li.getAttribute("data-status")]),
    );
  return Object.fromEntries(entries);
}

async function waitForCount(page: Page, text: string): Promise<void> {
  await view(page).locator(".account-count", { hasText: text }).waitFor();
}

describe("the Account view", () => {
  it("loads with the view, not with the first page", async () => {
    const report = await measureBundle(harness.outDir);
    const initialCode = (
      await Promise.all(report.initial.map((f) => readFile(join(harness.outDir, f.file), "utf8")))
    ).join("\n");
    expect(initialCode).not.toContain("The file stays in your browser");
    expect(initialCode).not.toContain("is not in the account");
  });

  it("answers who can read an object from the CLI's output, and sends the file nowhere", async () => {
    const { page, errors, requests } = await openAccountView();
    await expect(view(page).locator(".account-privacy").innerText()).resolves.toContain(
      "The file stays in your browser",
    );
    const text = withUncertainUser(fixtureText("account-cli.json"));
    await pick(page, [{ name: "account-cli.json", text }]);
    await view(page).locator(".account-status", { hasText: "Account 111122223333" }).waitFor();
    expect(await view(page).locator(".account-status").innerText()).toBe(
      "Account 111122223333: 4 users and 3 roles, from 1 file. AWS managed policies from the bundled corpus: ReadOnlyAccess.",
    );

    await view(page).getByLabel("Action", { exact: true }).fill("s3:GetObject");
    await view(page).getByLabel("Resource", { exact: true }).fill("arn:aws:s3:::data/report.csv");
    await waitForCount(page, "3 of 8 principals allowed, 1 more under an uncertain reading");
    expect(await listed(page)).toEqual({
      [arnOf("user/alice")]: "allowed",
      [arnOf("role/auditor")]: "allowed",
      // The root user: no identity policy limits it, and this account has no SCP.
      [arnOf("root")]: "allowed",
      [arnOf("user/dave")]: "uncertain",
    });
    const dave = view(page).locator(`[data-principal="${arnOf("user/dave")}"]`);
    expect(await dave.locator("summary").innerText()).toContain(
      "uncertain: Allowed under the other reading",
    );

    // alice's explanation: her group's inline policy decides; the tree names each policy.
    const alice = view(page).locator(`[data-principal="${arnOf("user/alice")}"]`);
    expect(await alice.locator("summary").innerText()).toContain(
      "by group/devs/DataRead Statement[0]",
    );
    await alice.locator("summary").click();
    const explanation = alice.locator(".who-can-explanation");
    await explanation.locator(".decided-by").waitFor();
    expect(await explanation.locator(".decided-by").innerText()).toContain(
      "decided by identity policy group/devs/DataRead: Statement[0] (Allow)",
    );
    expect(await explanation.locator(".tree").innerText()).toContain("user/alice/DenySecret");
    await page.screenshot({ path: join(resultsDir, "account-who-can.png"), fullPage: true });

    // The denied principals, each with core's reason: alice's own Deny, bob's boundary.
    await view(page).getByLabel("Resource", { exact: true }).fill("arn:aws:s3:::data/secret/key");
    await view(page).getByLabel("Also show the denied principals, with the reason").check();
    await waitForCount(page, "2 of 8 principals allowed");
    const denied = await listed(page);
    expect(denied[arnOf("role/auditor")]).toBe("allowed");
    expect(denied[arnOf("root")]).toBe("allowed");
    expect(denied[arnOf("user/alice")]).toBe("denied");
    expect(Object.keys(denied)).toHaveLength(8);
    expect(
      await view(page)
        .locator(`[data-principal="${arnOf("user/alice")}"]`)
        .getAttribute("data-decision"),
    ).toBe("ExplicitlyDenied");
    expect(
      await view(page)
        .locator(`[data-principal="${arnOf("user/bob")}"] summary`)
        .innerText(),
    ).toMatch(/boundary/i);

    // Who can assume the deployer role: its trust policy names alice alone.
    await view(page).getByLabel("Who can assume a role").check();
    await view(page).getByLabel("Role", { exact: true }).fill(arnOf("role/deployer"));
    await view(page).getByLabel("Also show the denied principals, with the reason").uncheck();
    // The root user cannot call AssumeRole (an AWS-side rule), so it is not listed.
    await waitForCount(page, "1 of 8 principals allowed");
    expect(await listed(page)).toEqual({ [arnOf("user/alice")]: "allowed" });
    expect(await view(page).locator("h3").first().innerText()).toBe(
      `Who can assume ${arnOf("role/deployer")}`,
    );

    // Nothing left the page but GETs of its own assets (the bundled ReadOnlyAccess among them).
    const origin = new URL(harness.baseUrl).origin;
    const sent = requests.map((r) => ({
      method: r.method(),
      url: r.url(),
      body: r.postData(),
    }));
    expect(sent.filter((r) => r.method !== "GET" || r.body !== null)).toEqual([]);
    expect(sent.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    expect(sent.filter((r) => /AIDAALICE|111122223333|alice/.test(r.url))).toEqual([]);
    expect(sent.some((r) => /\/assets\/ReadOnlyAccess-[^/]*\.js$/.test(r.url))).toBe(true);

    // Every control of the view is labelled.
    const unnamed = await unnamedControls(page, ".account");
    expect(unnamed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("merges raw-API pages dropped together, at phone width", async () => {
    const { page, errors } = await openAccountView({ width: 390, height: 844 });
    const pages = [fixtureFile("raw-page-1.json"), fixtureFile("raw-page-2.json")];
    const dataTransfer = await page.evaluateHandle((files) => {
      const transfer = new DataTransfer();
      for (const f of files)
        transfer.items.add(new File([f.text], f.name, { type: "application/json" }));
      return transfer;
    }, pages);
    await view(page).locator(".account-drop").dispatchEvent("drop", { dataTransfer });
    await view(page).locator(".account-status", { hasText: "from 2 files" }).waitFor();
    expect(await view(page).locator(".account-files li").allInnerTexts()).toEqual([
      "raw-page-1.json Remove",
      "raw-page-2.json Remove",
    ]);
    await view(page).getByLabel("Action", { exact: true }).fill("ec2:RunInstances");
    await waitForCount(page, "3 of 7 principals allowed");
    expect(await listed(page)).toEqual({
      [arnOf("user/alice")]: "allowed",
      [arnOf("user/bob")]: "allowed",
      [arnOf("root")]: "allowed",
    });
    await view(page)
      .locator(`[data-principal="${arnOf("user/bob")}"] summary`)
      .click();
    await view(page).locator(".who-can-explanation .tree").waitFor();
    // The root user's answer needs no policy: its explanation says why.
    const root = view(page).locator(`[data-principal="${arnOf("root")}"]`);
    await root.locator("summary").click();
    // The explanation is computed when the entry opens: wait for its words, not its box.
    await root.locator(".who-can-explanation", { hasText: /root user/i }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await view(page).screenshot({ path: join(resultsDir, "account-phone-390.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a file's problem with its place, and the account again once it is removed", async () => {
    const { page, errors } = await openAccountView();
    const problem = view(page).locator(".account-problem");
    await pick(page, [{ name: "broken.json", text: '{\n  "UserDetailList": [,]\n}' }]);
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/invalid JSON: [^\n]+\n+broken\.json:2:22/);

    // An AWS managed policy the bundled corpus does not have: named, with its JSON path.
    await view(page).getByRole("button", { name: "Remove broken.json" }).click();
    const page1 = JSON.parse(fixtureText("account-cli.json")) as {
      RoleDetailList: { AttachedManagedPolicies: { PolicyArn: string }[] }[];
    };
    page1.RoleDetailList[1]!.AttachedManagedPolicies[0]!.PolicyArn =
      "arn:aws:iam::aws:policy/NoSuchManagedPolicy";
    await pick(page, [{ name: "account.json", text: JSON.stringify(page1, null, 2) }]);
    await problem.locator("text=NoSuchManagedPolicy").first().waitFor();
    const message = await problem.innerText();
    expect(message).toMatch(
      /role auditor has the AWS managed policy arn:aws:iam::aws:policy\/NoSuchManagedPolicy attached, but no page has it in Policies and it is not among the known AWS managed policies \(bundled corpus of \d{4}-\d{2}-\d{2}\)/,
    );
    expect(message).toMatch(
      /account\.json:\d+:\d+ at \$\.RoleDetailList\[1\]\.AttachedManagedPolicies\[0\]\.PolicyArn/,
    );
    await page.screenshot({ path: join(resultsDir, "account-problem.png") });

    // Replaced by a good file of the same name: the problem goes, the account is there.
    await pick(page, [{ ...fixtureFile("account-cli.json"), name: "account.json" }]);
    await view(page).locator(".account-status", { hasText: "3 users and 3 roles" }).waitFor();
    expect(await problem.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
