import { eventually, hiringSeeds, useServiceApps } from '@hirestream/testing';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { kindsReceived, useEmbeddedMailbox } from './support/embedded-mailbox';

// Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it) driven by
// playwright-core, which brings no browser of its own. CHROMIUM_PATH names another.
const chromiumPath = process.env.CHROMIUM_PATH ?? 'chromium';
const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' });
const chromiumMissing =
  version.error?.message ?? (version.status === 0 ? undefined : `exited with ${version.status}`);

function describeWithChromium(name: string, suite: () => void): void {
  if (chromiumMissing !== undefined) {
    process.stdout.write(
      `skipping "${name}": Chromium cannot be run (${chromiumPath}: ${chromiumMissing}); apt-get install -y chromium\n`,
    );
    describe.skip(name, suite);
  } else {
    describe(name, suite);
  }
}

describeWithChromium('the mailbox page in headless Chromium', () => {
  const mailbox = useEmbeddedMailbox();
  const apps = useServiceApps({
    candidates: {},
    scheduling: {},
    notifications: { consumers: true, env: mailbox.env },
  });
  const seeds = hiringSeeds({ candidates: apps.candidates, scheduling: apps.scheduling });
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath:
        spawnSync('which', [chromiumPath], { encoding: 'utf8' }).stdout.trim() || chromiumPath,
      // Root in a container has no user namespaces for Chromium's sandbox.
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists a candidate's messages, shows one with its text, its HTML in a sandboxed frame and its invitation to download", async () => {
    const candidateId = await seeds.interviewingCandidate();
    await seeds.alwaysAvailable('interviewer-m1');
    await seeds.interview(candidateId, ['interviewer-m1'], '2030-03-04T09:00:00Z');
    await eventually(
      'three messages in the mailbox',
      async () => (kindsReceived(mailbox.server(), candidateId).length >= 3 ? true : undefined),
      30_000,
    );

    const page = await browser!.newPage({ acceptDownloads: true });
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(`${mailbox.server().mailboxUrl}/?candidate=${candidateId}`);

    const rows = page.locator('tr.message');
    expect(await rows.count()).toBe(3);
    const subjects = await rows.locator('td:nth-child(4)').allInnerTexts();
    expect(subjects).toEqual([
      'Your interview on Monday, March 4, 2030',
      'Good news about your application',
      'We received your application',
    ]);

    await page.getByRole('link', { name: 'Your interview on Monday, March 4, 2030' }).click();
    expect(await page.locator('h1.subject').innerText()).toBe(
      'Your interview on Monday, March 4, 2030',
    );
    expect(await page.locator('pre.text').innerText()).toContain('(Europe/London)');

    const frame = page.frameLocator('iframe[sandbox]');
    expect(await frame.locator('body').innerText()).toContain('Dear Grace Hopper,');
    expect(await page.locator('iframe').getAttribute('sandbox')).toBe('');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'invitation.ics' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('invitation.ics');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toContain('BEGIN:VEVENT');
    expect(scriptErrors).toEqual([]);
    await page.close();
  });
});
