import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';

// Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it) driven by
// playwright-core, which brings no browser of its own. CHROMIUM_PATH names another.
// Both are looked for only by the browser suites: every spec imports this module.
const chromiumPath = process.env.CHROMIUM_PATH ?? 'chromium';

/** Why Chromium cannot be run here, or undefined when it can. */
function chromiumMissing(): string | undefined {
  const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' });
  return (
    version.error?.message ?? (version.status === 0 ? undefined : `exited with ${version.status}`)
  );
}

/**
 * `describe` for browser suites: declared normally where Chromium runs,
 * skipped with the reason printed where it does not.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  const missing = chromiumMissing();
  if (missing !== undefined) {
    process.stdout.write(
      `skipping "${name}": Chromium cannot be run (${chromiumPath}: ${missing}); apt-get install -y chromium\n`,
    );
    describe.skip(name, suite);
  } else {
    describe(name, suite);
  }
}

/** Headless Chromium for a `describeWithChromium` suite; close it after the suite. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath:
      spawnSync('which', [chromiumPath], { encoding: 'utf8' }).stdout.trim() || chromiumPath,
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu'],
  });
}
