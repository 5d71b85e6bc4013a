// Which Chromium the end-to-end tests use, in order: CHROMIUM_PATH, an installed browser, the
// packaged one; and that the packaged one is extracted once and reused.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseChromium, preparePackagedChromium, SYSTEM_CHROMIUM_PATHS } from "./chromium.js";
import { packageDir } from "./harness.js";

const linux = { platform: "linux", arch: "x64" };
const existing =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe("chooseChromium", () => {
  it("takes CHROMIUM_PATH first, even when a system browser is installed", () => {
    expect(
      chooseChromium({
        ...linux,
        env: { CHROMIUM_PATH: "/opt/chrome/chrome" },
        exists: existing("/opt/chrome/chrome", "/usr/bin/chromium"),
      }),
    ).toEqual({ source: "CHROMIUM_PATH", executablePath: "/opt/chrome/chrome" });
  });

  it("fails on a CHROMIUM_PATH that does not exist instead of testing another browser", () => {
    expect(() =>
      chooseChromium({
        ...linux,
        env: { CHROMIUM_PATH: "/nowhere/chrome" },
        exists: existing("/usr/bin/chromium"),
      }),
    ).toThrow("CHROMIUM_PATH=/nowhere/chrome: no such file");
  });

  it("takes the first installed system browser when CHROMIUM_PATH is unset or empty", () => {
    for (const env of [{}, { CHROMIUM_PATH: "" }]) {
      expect(
        chooseChromium({
          ...linux,
          env,
          exists: existing("/usr/bin/google-chrome", "/usr/bin/chromium-browser"),
        }),
      ).toEqual({ source: "system", executablePath: "/usr/bin/chromium-browser" });
    }
    expect(
      chooseChromium({ ...linux, env: {}, exists: existing(...SYSTEM_CHROMIUM_PATHS) }),
    ).toEqual({ source: "system", executablePath: "/usr/bin/chromium" });
  });

  it("falls back to the packaged Chromium when nothing is installed", () => {
    expect(chooseChromium({ ...linux, env: {}, exists: () => false })).toEqual({
      source: "packaged",
    });
  });

  it("says to set CHROMIUM_PATH where the packaged Chromium cannot run", () => {
    for (const [platform, arch] of [
      ["darwin", "arm64"],
      ["linux", "arm64"],
      ["win32", "x64"],
    ] as const) {
      expect(() => chooseChromium({ platform, arch, env: {}, exists: () => false })).toThrow(
        /x64 Linux only, not .*: set CHROMIUM_PATH/,
      );
    }
  });
});

describe.runIf(process.platform === "linux" && process.arch === "x64")(
  "preparePackagedChromium",
  () => {
    it("extracts once into the cache and reuses the extracted browser", async () => {
      // The cache the end-to-end harness uses, so this costs the extraction at most once per checkout.
      const cacheRoot = join(packageDir, "node_modules", ".cache", "chromium");
      const first = await preparePackagedChromium(cacheRoot);
      const before = await stat(first.executablePath);
      expect(before.isFile() && (before.mode & 0o111) !== 0).toBe(true);
      expect(first.env.LD_LIBRARY_PATH.split(":")[0]).toBe(join(first.executablePath, "..", "lib"));
      await expect(
        stat(join(first.executablePath, "..", "lib", "libnss3.so")),
      ).resolves.toBeTruthy();
      await expect(stat(first.env.FONTCONFIG_FILE)).resolves.toBeTruthy();

      const started = performance.now();
      const second = await preparePackagedChromium(cacheRoot);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(second).toEqual(first);
      const after = await stat(second.executablePath);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    });
  },
);
