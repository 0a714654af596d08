import { candidateStreamName } from '@hirestream/contracts';
import { verifyAuditBundle, type BundleManifest } from '@hirestream/event-sourcing';
import {
  auditAppOptions,
  describeWithChromium,
  eventually,
  launchChromium,
  SEEDED_JOB_ID,
  useServiceApps,
} from '@hirestream/testing';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';

// The auditor's console in Debian's headless Chromium, against the audit
// service and the services it asks, listening on ports of their own: a
// candidate with a short history made through the candidates API (its name
// and a reason hold markup, which must show as text).

const MARKUP_NAME = '<img src=x onerror=alert(1)>';
const MARKUP_REASON = 'Chose a candidate with more <b>depth</b>';

describeWithChromium('the audit console in headless Chromium', () => {
  const apps = useServiceApps({
    candidates: {},
    scheduling: {},
    audit: auditAppOptions({ ANCHOR_INTERVAL_SECONDS: '1' }),
  });
  let browser: Browser | undefined;
  let candidateId: string;
  let lastRevision: string;

  const recruiter = async (url: string, payload: Record<string, unknown>, status: number) => {
    const response = await apps.candidates.inject({
      method: 'POST',
      url,
      payload,
      as: 'recruiter',
    });
    expect([url, response.statusCode]).toEqual([url, status]);
    return response;
  };
  /** A token as an auditor pastes it: without the `Bearer ` prefix. */
  const tokenOf = async (role: 'auditor' | 'recruiter') =>
    (await apps.audit.bearer(role)).replace(/^Bearer /, '');
  const consoleUrl = () => `${apps.audit.url}/console`;

  beforeAll(async () => {
    browser = await launchChromium();
    const registered = await recruiter(
      '/candidates',
      {
        fullName: MARKUP_NAME,
        email: 'markup@example.org',
        jobId: SEEDED_JOB_ID,
        source: 'referral',
      },
      201,
    );
    candidateId = registered.json<{ id: string }>().id;
    await recruiter(`/candidates/${candidateId}/screening`, { passed: true }, 200);
    await recruiter(
      `/candidates/${candidateId}/rejection`,
      { category: 'rejected-by-us', reason: MARKUP_REASON },
      200,
    );
    const { revision } = await apps.candidates.store.readStream(candidateStreamName(candidateId));
    lastRevision = String(revision);
    await eventually('the head anchored', async () => {
      const anchor = await apps.audit.inject({
        method: 'GET',
        url: `/streams/${candidateStreamName(candidateId)}/anchor`,
        as: 'auditor',
      });
      return anchor.statusCode === 200 &&
        anchor.json<{ head: { revision: string } }>().head.revision === lastRevision
        ? true
        : undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page (its own context: no token kept) that records script errors and dialogs. */
  async function consolePage(): Promise<{ page: Page; scriptErrors: string[] }> {
    const page = await browser!.newPage({ acceptDownloads: true });
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('dialog', (dialog) => {
      scriptErrors.push(`a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.goto(consoleUrl());
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    return { page, scriptErrors };
  }

  /** Waits until the element holds `text` (the page fills it in as answers come), then all its text. */
  async function shown(locator: Locator, text: string | RegExp): Promise<string> {
    await locator.filter({ hasText: text }).first().waitFor();
    return locator.first().innerText();
  }

  async function find(page: Page, id: string): Promise<void> {
    await page.getByLabel('Candidate id').fill(id);
    await page.getByLabel('Candidate id').press('Enter');
  }

  it('finds the candidate and shows the timeline, the state at an event, the verified chain and the export', async () => {
    const { page, scriptErrors } = await consolePage();
    await page.getByLabel('Bearer token of an auditor or an admin').fill(await tokenOf('auditor'));
    await page.getByRole('button', { name: 'Use token' }).click();
    expect(await page.locator('#token-status').innerText()).toContain('auditor-1 (auditor)');
    await find(page, candidateId);

    const rows = page.locator('#timeline tbody tr');
    await rows.last().waitFor();
    expect(await rows.count()).toBe(Number(lastRevision) + 1);
    expect(await rows.locator('td.type').allInnerTexts()).toEqual(
      expect.arrayContaining(['CandidateRegistered', 'ScreeningRecorded', 'CandidateRejected']),
    );
    const rejection = rows.filter({ hasText: 'CandidateRejected' });
    expect(await rejection.locator('td.actor').innerText()).toBe('recruiter-1');
    expect(await rejection.locator('td.role').innerText()).toBe('recruiter');
    expect(await rejection.locator('td.why').innerText()).toContain(`reason: ${MARKUP_REASON}`);

    // Markup in the candidate's data is shown as text, never made into elements.
    expect(await shown(page.locator('#summary-name'), 'onerror')).toBe(MARKUP_NAME);
    expect(await page.locator('img, b').count()).toBe(0);

    expect(await shown(page.locator('#chain-verdict'), 'events checked')).toMatch(
      /^Intact: (\d+) of \1 events checked/,
    );
    expect(await page.locator('#anchor').innerText()).toContain(
      `revision ${lastRevision} in anchor`,
    );

    // The state right after the registration, opened from the keyboard, differs from the end.
    await page
      .getByRole('button', { name: 'State after revision 0 (CandidateRegistered)' })
      .focus();
    await page.keyboard.press('Enter');
    expect(await shown(page.locator('#state-heading'), ': CandidateRegistered at ')).toMatch(
      /^State after revision 0: CandidateRegistered at /,
    );
    expect(await page.evaluate('document.activeElement.id')).toBe('state-heading');
    const candidatesThen = page.locator('details.service-state[data-service="candidates"] > pre');
    expect(await candidatesThen.first().innerText()).toContain('"stage": "applied"');
    expect(await page.locator('details.service-state').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.difference[data-service="candidates"]').innerText()).toContain(
      'changed /candidate/candidate/stage: "applied" → "rejected"',
    );

    await rejection.getByRole('button').click();
    await page.locator('#state-is-end').waitFor();
    expect(await shown(candidatesThen, '"stage": "rejected"')).not.toContain('"stage": "applied"');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the export bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^candidate-${candidateId}-.*\\.tar$`));
    const { keyId } = (
      await apps.audit.inject({ method: 'GET', url: '/anchors/public-key', as: 'auditor' })
    ).json<{ keyId: string }>();
    const verification = verifyAuditBundle(readFileSync(await download.path()), {
      trustedKeyIds: [keyId],
    });
    expect(verification.problems).toEqual([]);
    expect((verification.manifest as BundleManifest).head.revision).toBe(lastRevision);
    expect(await shown(page.locator('#download-status'), 'Downloaded')).toContain(
      `Downloaded ${download.suggestedFilename()}`,
    );

    expect(await page.locator('img, b').count()).toBe(0);

    // The address keeps the candidate and the event, the tab the token.
    await page.reload();
    expect(await shown(page.locator('#state-heading'), 'CandidateRejected')).toContain(
      `State after revision ${lastRevision}: CandidateRejected`,
    );
    expect(scriptErrors).toEqual([]);
    await page.close();
  });

  it('shows an authentication error and no data without a token, and a refusal for another role', async () => {
    const { page, scriptErrors } = await consolePage();
    await find(page, candidateId);
    expect(await shown(page.locator('#problem'), '(401)')).toContain('Not authenticated (401)');
    expect(await page.locator('#candidate').isHidden()).toBe(true);
    expect(await page.locator('body').innerText()).not.toContain('CandidateRegistered');
    expect(await page.content()).not.toContain('markup@example.org');

    await page
      .getByLabel('Bearer token of an auditor or an admin')
      .fill(await tokenOf('recruiter'));
    await page.getByRole('button', { name: 'Use token' }).click();
    expect(await shown(page.locator('#problem'), '(403)')).toContain('Not allowed (403)');
    expect(await page.locator('#candidate').isHidden()).toBe(true);
    expect(scriptErrors).toEqual([]);
    await page.close();
  });

  it('serves the page and its files from the audit service with a self-only policy', async () => {
    for (const [path, type] of [
      ['/console', 'text/html'],
      ['/console/console.js', 'text/javascript'],
      ['/console/console.css', 'text/css'],
    ]) {
      const response = await apps.audit.app.inject({ method: 'GET', url: path });
      expect([path, response.statusCode, response.headers['content-type']]).toEqual([
        path,
        200,
        expect.stringContaining(type),
      ]);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const page = (await apps.audit.app.inject({ method: 'GET', url: '/console' })).body;
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/<script>/);
  });
});
