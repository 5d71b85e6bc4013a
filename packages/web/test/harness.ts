// End-to-end harness: builds the app with Vite into a temporary folder, serves it on
// 127.0.0.1 (a free port) with a tiny static server, and drives Chromium through
// playwright-core (see chromium.ts for which Chromium). Everything it starts, it stops.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { chooseChromium, preparePackagedChromium } from "./chromium.js";

export const packageDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const resultsDir = join(packageDir, "test-results");

// The same flags for every Chromium, so a run behaves alike whichever browser it found.
// @sparticuz/chromium's own `chromium.args` are not added: they suit AWS Lambda (--single-process,
// --disable-web-security, …) and would make the page see a laxer browser than users have; its
// headless-shell build starts with these alone.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface Harness {
  outDir: string;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function buildApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "iamspec-web-e2e-"));
  await build({
    root: packageDir,
    configFile: join(packageDir, "vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolveServer(server));
  });
}

async function launchChromium(): Promise<Browser> {
  const choice = chooseChromium({
    env: process.env,
    exists: existsSync,
    platform: process.platform,
    arch: process.arch,
  });
  if (choice.source !== "packaged") {
    return chromium.launch({ executablePath: choice.executablePath, args: CHROMIUM_ARGS });
  }
  // Kept under node_modules: per checkout, writable without root, and gone with `npm ci`.
  const packaged = await preparePackagedChromium(
    join(packageDir, "node_modules", ".cache", "chromium"),
  );
  return chromium.launch({
    executablePath: packaged.executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...packaged.env },
  });
}

export async function startHarness(): Promise<Harness> {
  await mkdir(resultsDir, { recursive: true });
  const outDir = await buildApp();
  const server = await serve(outDir);
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  return {
    outDir,
    baseUrl: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * The form controls inside `selector` that have no accessible name (no label, no aria-label, no
 * text), as HTML. File inputs are left out: their label is the button that opens them.
 */
export function unnamedControls(page: Page, selector = "body"): Promise<string[]> {
  return page.locator(selector).evaluate((root) =>
    [...root.querySelectorAll("input, select, textarea, button")]
      .filter(
        (el) =>
          !(el as HTMLInputElement).labels?.length &&
          !el.getAttribute("aria-label") &&
          !el.textContent?.trim(),
      )
      .filter((el) => (el as HTMLInputElement).type !== "file")
      .map((el) => el.outerHTML),
  );
}
