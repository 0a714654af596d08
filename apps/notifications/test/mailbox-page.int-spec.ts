import {
  describeWithChromium,
  eventually,
  hiringSeeds,
  launchChromium,
  useServiceApps,
} from '@hirestream/testing';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { kindsReceived, useEmbeddedMailbox } from './support/embedded-mailbox';

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
    browser = await launchChromium();
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
