// The playground end to end in real Chromium: the sample request evaluated on open, picking a
// bundled policy, allowed and denied requests with the deciding statement highlighted, inline
// diagnostics at the right line, share links, the batch table, and phone width.
// Screenshots go to packages/web/test-results/ (kept as artifacts).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureBundle } from "./bundle-size.js";
import { resultsDir, startHarness, unnamedControls, type Harness } from "./harness.js";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function open(url = harness.baseUrl, viewport = DESKTOP): Promise<Page> {
  const page = await harness.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  return page;
}

const decision = (page: Page) => page.locator(".result-body").getAttribute("data-decision");

async function waitForDecision(page: Page, expected: string): Promise<void> {
  await page.waitForSelector(`.result-body[data-decision="${expected}"]`);
}

/** The text of the editor lines highlighted as deciding (CodeMirror renders the visible ones). */
async function highlightedText(
  page: Page,
  policy: string,
  kind: "allow" | "deny",
): Promise<string> {
  const lines = page.locator(`[data-policy="${policy}"] .cm-line.cm-decided-${kind}`);
  await lines.first().waitFor();
  return (await lines.allInnerTexts()).join("\n");
}

async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
}

async function replaceEditorText(page: Page, policy: string, text: string): Promise<void> {
  await page.locator(`[data-policy="${policy}"] .cm-content`).click();
  await page.keyboard.press("Control+A");
  // insertText: one input event, so the editor's bracket auto-closing does not alter the text.
  await page.keyboard.insertText(text);
}

describe("the built playground", () => {
  it("keeps the initial JavaScript under 300 KB gzip; the catalog, service data and documents load lazily", async () => {
    const report = await measureBundle(harness.outDir);
    await writeFile(join(resultsDir, "bundle-size.json"), `${JSON.stringify(report, null, 2)}\n`);
    expect(report.initialGzip).toBeLessThan(300_000);
    const initialCode = (
      await Promise.all(report.initial.map((f) => readFile(join(harness.outDir, f.file), "utf8")))
    ).join("\n");
    // No policy document (a Sid of the seed) and no catalog (another policy's name) up front.
    expect(initialCode).not.toContain("RunInstancesWithEC2ImageBuilderRequestTagsPermissions");
    expect(initialCode).not.toContain("AmazonS3ReadOnlyAccess");
    expect(report.lazyCount).toBeGreaterThan(1500);
  });
});

describe("the playground in Chromium", () => {
  it("opens with the sample request of npm start already evaluated", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    expect(await page.locator(".badge").innerText()).toBe("Allowed");
    expect(await page.locator(".decided-by").innerText()).toContain("RunInstancesPermissions");
    expect(await page.getByLabel("Action", { exact: true }).inputValue()).toBe("ec2:RunInstances");
    expect(await page.getByLabel("Resource", { exact: true }).inputValue()).toBe(
      "arn:aws:ec2:us-east-1::image/ami-0abc",
    );
    expect(await highlightedText(page, "identity:0", "allow")).toContain(
      '"Sid": "RunInstancesPermissions"',
    );
    await page.screenshot({ path: join(resultsDir, "sample-1280x800.png") });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("picks EC2ImageBuilderExecutionPolicy from the catalog and explains an allowed and a denied request", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    await page.getByRole("button", { name: "Remove EC2ImageBuilderExecutionPolicy" }).click();
    // No identity policy grants anything: implicitly denied (docs/evaluation-rules.md: default deny).
    await waitForDecision(page, "ImplicitlyDenied");

    const picker = page.getByLabel("Add a bundled policy to identity policies", { exact: true });
    await picker.fill("EC2ImageBuilderExec");
    await page
      .getByRole("option", { name: /EC2ImageBuilderExecutionPolicy/ })
      .first()
      .waitFor();
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await page.locator('[data-policy="identity:0"]').waitFor();
    expect(await page.locator('[data-policy="identity:0"] h3').innerText()).toBe(
      "EC2ImageBuilderExecutionPolicy",
    );

    // Allowed: an AMI matches RunInstancesPermissions' arn:aws:ec2:*::image/*.
    await fill(page, "Action", "ec2:RunInstances");
    await fill(page, "Resource", "arn:aws:ec2:us-east-1::image/ami-0abc");
    await waitForDecision(page, "Allowed");
    expect(await highlightedText(page, "identity:0", "allow")).toContain("RunInstancesPermissions");

    // Denied: an instance needs aws:RequestTag/CreatedBy (RunInstancesWithEC2ImageBuilderRequestTagsPermissions).
    await fill(page, "Resource", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc");
    await waitForDecision(page, "ImplicitlyDenied");
    expect(await page.locator(".badge").innerText()).toBe("Implicitly denied");
    expect(await page.locator(".decided-by").count()).toBe(0);
    expect(await page.locator(".suggestions").innerText()).toContain("aws:RequestTag/CreatedBy");
    await page.screenshot({ path: join(resultsDir, "denied-1280x800.png") });
    await page.locator(".suggestions").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, "denied-suggestions-1280x800.png") });

    // The suggested tag makes it allowed, by the tag-conditioned statement.
    await page.getByRole("button", { name: "Add a context key" }).click();
    await fill(page, "Context key 1", "aws:RequestTag/CreatedBy");
    await fill(page, "Value of context key 1", "EC2 Image Builder");
    await waitForDecision(page, "Allowed");
    expect(await page.locator(".decided-by").innerText()).toContain(
      "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
    );
    expect(await highlightedText(page, "identity:0", "allow")).toContain(
      "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
    );

    // An explicit deny in an SCP wins over the identity allow (docs/evaluation-rules.md: explicit deny first).
    await page.locator('details[data-slot="scp"] > summary').click();
    await page
      .getByRole("button", { name: "Add an inline policy to service control policies (SCP)" })
      .click();
    await replaceEditorText(page, "scp:0", SCP_DENY_RUN_INSTANCES);
    await waitForDecision(page, "ExplicitlyDenied");
    expect(await highlightedText(page, "scp:0", "deny")).toContain('"Sid": "NoRunInstances"');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("evaluates SCPs by organization level: every level must allow, a deny at any level wins", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    await page.locator('details[data-slot="scp"] > summary').click();
    const addScp = page.getByRole("button", {
      name: "Add an inline policy to service control policies (SCP)",
    });
    await addScp.click();
    await replaceEditorText(page, "scp:0", SCP_ALLOW_ALL);
    await addScp.click();
    await replaceEditorText(page, "scp:1", SCP_ALLOW_S3_ONLY);
    // Both on the root level: FullAWSAccess-like AllowAll allows ec2:RunInstances there.
    await waitForDecision(page, "Allowed");
    // Moved to level 1 (an OU), the S3-only policy leaves ec2:RunInstances unallowed at that level.
    await page.getByLabel("Organization level of Inline scp policy 2").selectOption("1");
    await waitForDecision(page, "ImplicitlyDenied");
    expect(await page.locator(".explanation").innerText()).toMatch(/scp level 1/i);
    // A deny at level 1 decides, and is highlighted in that policy's editor.
    await replaceEditorText(page, "scp:1", SCP_DENY_RUN_INSTANCES);
    await waitForDecision(page, "ExplicitlyDenied");
    expect(await highlightedText(page, "scp:1", "deny")).toContain('"Sid": "NoRunInstances"');
    await page.close();
  });

  it("shows a diagnostic at the line of a JSON error as you type", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    await replaceEditorText(page, "identity:0", BROKEN_POLICY);
    const diagnostic = page
      .locator('[data-policy="identity:0"] .diagnostics li.diag-error')
      .first();
    await diagnostic.waitFor();
    // The missing comma is on line 5: the parser stops at "Action" on line 6.
    expect(await diagnostic.getAttribute("data-line")).toMatch(/^[56]$/);
    expect(await diagnostic.innerText()).toContain("JSON_SYNTAX_ERROR");
    await page.locator('[data-policy="identity:0"] .cm-lint-marker-error').first().waitFor();
    await waitForDecision(page, "error");

    // A grammar error that is valid JSON: an invalid Effect, reported on its own line.
    await replaceEditorText(page, "identity:0", BAD_EFFECT_POLICY);
    const effect = page.locator('[data-policy="identity:0"] .diagnostics li', {
      hasText: "INVALID_EFFECT",
    });
    await effect.waitFor();
    expect(await effect.getAttribute("data-line")).toBe("6");
    await page.screenshot({ path: join(resultsDir, "diagnostic-1280x800.png") });
    await page.close();
  });

  it("validates a large policy in a worker, keeping the page responsive", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    await page.getByRole("button", { name: "Remove EC2ImageBuilderExecutionPolicy" }).click();
    const picker = page.getByLabel("Add a bundled policy to identity policies", { exact: true });
    // About 190,000 characters pretty-printed: above the worker threshold.
    await picker.fill("AWSSupportServiceRolePolicy");
    // The catalog loads lazily: Enter takes the exact name only once it is there.
    await page
      .getByRole("option", { name: /AWSSupportServiceRolePolicy/ })
      .first()
      .waitFor();
    await picker.press("Enter");
    await page.locator('[data-policy="identity:0"] .cm-content').click({ timeout: 60_000 });
    await page.keyboard.press("Control+Home");
    await page.keyboard.insertText("x");
    const diagnostic = page
      .locator('[data-policy="identity:0"] .diagnostics li.diag-error')
      .first();
    await diagnostic.waitFor();
    expect(await diagnostic.getAttribute("data-line")).toBe("1");
    expect(workers.some((url) => url.includes("lint-worker"))).toBe(true);
    await page.close();
  });

  it("reproduces the same state from a share link", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    await replaceEditorText(page, "identity:0", CUSTOM_POLICY);
    await fill(page, "Principal", "arn:aws:iam::111122223333:role/Builder");
    await fill(page, "Action", "s3:GetObject");
    await fill(page, "Resource", "arn:aws:s3:::example-bucket/report.csv");
    await page.getByRole("button", { name: "Add a context key" }).click();
    await fill(page, "Context key 1", "aws:RequestTag/team");
    await fill(page, "Value of context key 1", "blue");
    await waitForDecision(page, "Allowed");
    // The button writes the state into the address at once (typing updates it debounced).
    await page.getByRole("button", { name: "Copy share link" }).click();
    await page.locator(".share-status").filter({ hasText: /\S/ }).waitFor();
    const link = page.url();
    expect(link).toMatch(/#s=/);
    await page.close();

    const shared = await open(link);
    await waitForDecision(shared, "Allowed");
    expect(await shared.getByLabel("Principal", { exact: true }).inputValue()).toBe(
      "arn:aws:iam::111122223333:role/Builder",
    );
    expect(await shared.getByLabel("Action", { exact: true }).inputValue()).toBe("s3:GetObject");
    expect(await shared.getByLabel("Resource", { exact: true }).inputValue()).toBe(
      "arn:aws:s3:::example-bucket/report.csv",
    );
    expect(await shared.getByLabel("Context key 1", { exact: true }).inputValue()).toBe(
      "aws:RequestTag/team",
    );
    expect(await shared.getByLabel("Value of context key 1", { exact: true }).inputValue()).toBe(
      "blue",
    );
    expect(await shared.locator('[data-policy="identity:0"] .cm-content').innerText()).toContain(
      "ReadReports",
    );
    expect(await shared.locator(".decided-by").innerText()).toContain("ReadReports");
    await shared.close();
  });

  it("runs a batch of requests with expected decisions, pass and fail per row", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    await page.getByLabel("Batch file (JSON)").fill(BATCH_FILE);
    await page.getByRole("button", { name: "Run all" }).click();
    await page.waitForSelector(".batch-table tbody tr:nth-child(4)");
    const results = await page
      .locator(".batch-table tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-result")));
    expect(results).toEqual(["pass", "pass", "fail", "error"]);
    expect(await page.locator(".batch-status").innerText()).toBe(
      "2 of 4 passed, 1 failed, 1 could not be evaluated.",
    );
    expect(await page.locator(".batch-table tbody tr:nth-child(4)").innerText()).toContain(
      '"NoSuchPolicy" is not a bundled policy name or ARN',
    );
    await page.locator(".batch").screenshot({ path: join(resultsDir, "batch-1280x800.png") });
    await page.close();
  });

  it("exports the request as a request-format file and imports one back", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    const [saved] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export request" }).click(),
    ]);
    const exported = JSON.parse(await readFile((await saved.path())!, "utf8")) as unknown;
    expect(exported).toEqual({
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1::image/ami-0abc",
      policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
    });

    // A request the CLI could read too: an instance launch with the Image Builder tag.
    const request = {
      principal: "arn:aws:iam::111122223333:role/ImageBuilderRole",
      action: "ec2:RunInstances",
      resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc",
      context: { "aws:RequestTag/CreatedBy": "EC2 Fast Launch" },
      policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
    };
    await page.locator(".request input[type=file]").setInputFiles({
      name: "request.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(request)),
    });
    await page.waitForFunction(() =>
      (document.querySelector(".decided-by")?.textContent ?? "").includes("RequestTags"),
    );
    expect(await page.getByLabel("Principal", { exact: true }).inputValue()).toBe(
      request.principal,
    );
    expect(await page.getByLabel("Value of context key 1", { exact: true }).inputValue()).toBe(
      "EC2 Fast Launch",
    );
    expect(await decision(page)).toBe("Allowed");

    // A file that is not a request is refused with the JSON path of the problem.
    await page.locator(".request input[type=file]").setInputFiles({
      name: "bad.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"policies": {}}'),
    });
    expect(await page.getByRole("alert").innerText()).toContain("$.action: required");
    await page.close();
  });

  it("is usable at phone width without horizontal scrolling", async () => {
    const page = await open(harness.baseUrl, PHONE);
    await waitForDecision(page, "Allowed");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(resultsDir, "sample-phone-390-top.png") });
    await page.locator("#result-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, "sample-phone-390-result.png") });
    expect(await decision(page)).toBe("Allowed");
    await page.close();
  });

  it("adds a policy whose name was entered before the catalog had loaded", async () => {
    const page = await open();
    // Hold the catalog chunk back, as a slow network or a busy machine would.
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    await page.route(/\/assets\/catalog-[^/]*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    const picker = page.getByLabel("Add a bundled policy to identity policies", { exact: true });
    await picker.fill("AmazonS3ReadOnlyAccess");
    await picker.press("Enter");
    release();
    expect(await page.locator('[data-policy="identity:1"] h3').innerText()).toBe(
      "AmazonS3ReadOnlyAccess",
    );
    expect(await picker.inputValue()).toBe("");
    await page.close();
  });

  it("keeps the highlighted action suggestion when the service data arrives before Enter", async () => {
    const page = await open();
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    await page.route(/\/assets\/service-data-[^/]*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    const action = page.getByLabel("Action", { exact: true });
    await action.fill("ec2:StopInst");
    const option = page.getByRole("option", { name: "ec2:StopInstances" });
    await option.waitFor();
    await action.press("ArrowDown");
    expect(await action.getAttribute("aria-activedescendant")).not.toBeNull();
    // The suggestions are rebuilt once the service data has loaded: the old option leaves the DOM.
    const before = await option.elementHandle();
    release();
    await page.waitForFunction((element) => !element?.isConnected, before, { timeout: 30_000 });
    expect(await action.getAttribute("aria-activedescendant")).not.toBeNull();
    await action.press("Enter");
    expect(await action.inputValue()).toBe("ec2:StopInstances");
    expect(await action.getAttribute("aria-expanded")).toBe("false");
    await page.close();
  });

  it("can be driven from the keyboard: action autocomplete and labelled controls", async () => {
    const page = await open();
    await waitForDecision(page, "Allowed");
    const action = page.getByLabel("Action", { exact: true });
    await action.focus();
    await action.fill("ec2:StopInst");
    await page.getByRole("option", { name: "ec2:StopInstances" }).waitFor();
    await action.press("ArrowDown");
    await action.press("Enter");
    expect(await action.inputValue()).toBe("ec2:StopInstances");
    expect(await action.getAttribute("aria-expanded")).toBe("false");
    // The policy picker takes an exact name on Enter, without opening the list first.
    const picker = page.getByLabel("Add a bundled policy to identity policies", { exact: true });
    await picker.fill("AmazonS3ReadOnlyAccess");
    await picker.press("Enter");
    expect(await page.locator('[data-policy="identity:1"] h3').innerText()).toBe(
      "AmazonS3ReadOnlyAccess",
    );
    expect(await picker.inputValue()).toBe("");
    // Every form control has an accessible name.
    const unnamed = await unnamedControls(page);
    expect(unnamed).toEqual([]);
    await page.close();
  });

  it("compares two versions side by side, the new access highlighted in the new editor", async () => {
    const page = await open();
    await page.getByText("Compare two policies or two versions").click();
    await page.waitForSelector('[data-testid="compare-result"][data-result="FAIL"]');
    const result = await page.getByTestId("compare-result").innerText();
    expect(result).toContain(
      "FAIL no-new-access EC2ImageBuilderExecutionPolicy@v1 -> EC2ImageBuilderExecutionPolicy@v2",
    );
    expect(result).toContain("+ ec2:AttachImageWatermark");
    const marked = page.locator(".compare-side:nth-child(2) .cm-line.cm-decided-deny");
    await marked.first().waitFor();
    expect((await marked.allInnerTexts()).join("\n")).toContain("AttachImageWatermarkPermissions");
    // The reverse direction passes, with nothing marked.
    await page
      .getByLabel("Old policy: bundled name or Name@vN", { exact: true })
      .fill("EC2ImageBuilderExecutionPolicy@v2");
    await page
      .getByLabel("New policy: bundled name or Name@vN", { exact: true })
      .fill("EC2ImageBuilderExecutionPolicy@v1");
    await page.getByLabel("Old policy: bundled name or Name@vN", { exact: true }).press("Enter");
    await page.getByLabel("New policy: bundled name or Name@vN", { exact: true }).press("Enter");
    await page.waitForSelector('[data-testid="compare-result"][data-result="PASS"]');
    expect(await page.locator(".compare-side .cm-decided-deny").count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, "compare.png"), fullPage: true });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });
});

const SCP_DENY_RUN_INSTANCES = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*" },
    {
      "Sid": "NoRunInstances",
      "Effect": "Deny",
      "Action": "ec2:RunInstances",
      "Resource": "*"
    }
  ]
}
`;

const SCP_ALLOW_ALL = `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*" }]
}
`;

const SCP_ALLOW_S3_ONLY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "S3Only", "Effect": "Allow", "Action": "s3:*", "Resource": "*" }]
}
`;

const BROKEN_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow"
      "Action": "ec2:RunInstances",
      "Resource": "*"
    }
  ]
}
`;

const BAD_EFFECT_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Typo",
      "Effect": "Alow",
      "Action": "ec2:RunInstances",
      "Resource": "*"
    }
  ]
}
`;

const CUSTOM_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*",
      "Condition": { "StringEquals": { "aws:RequestTag/team": "blue" } }
    }
  ]
}
`;

const BATCH_FILE = JSON.stringify(
  {
    policies: { identity: ["EC2ImageBuilderExecutionPolicy"] },
    cases: [
      {
        name: "AMI launch",
        action: "ec2:RunInstances",
        resource: "arn:aws:ec2:us-east-1::image/ami-0abc",
        expected: "Allowed",
      },
      {
        name: "untagged instance",
        action: "ec2:RunInstances",
        resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
        expected: "Denied",
      },
      { name: "wrong expectation", action: "iam:CreateUser", expected: "Allowed" },
      {
        name: "unknown policy",
        action: "s3:GetObject",
        policies: { identity: ["NoSuchPolicy"] },
        expected: "Denied",
      },
    ],
  },
  null,
  2,
);
