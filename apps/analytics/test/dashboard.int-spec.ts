import { candidateStreamName, type CandidateStage, type Event } from '@hirestream/contracts';
import type { Role } from '@hirestream/platform';
import {
  describeWithChromium,
  eventually,
  launchChromium,
  useServiceApp,
  type ServiceApp,
} from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

// The analytics dashboard in Debian's headless Chromium, against the analytics service on the
// embedded servers (listening on a port of its own): a short history of registrations and
// stage moves for two jobs over three months, some from a source whose name holds markup
// (the routes echo it, and the page must show it as text).

const MARKUP_SOURCE = '<img src=x onerror="window.markupRan=true">';
const JOB = 'job-1';
const OTHER_JOB = 'job-9';
const CONTEXT = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: 'dashboard-spec',
  causationId: 'dashboard-spec',
};

type ChartShown = Readonly<{
  labels: string[];
  datasets: { label: string; data: number[] }[];
  drawn: boolean;
}>;
type FunnelAnswer = Readonly<{
  stages: { stage: string; reached: number }[];
  passThrough: { from: string; to: string; rate: number | null }[];
}>;
type TrendAnswer = Readonly<{ points: { periodStart: string; count: number }[] }>;

/** One candidacy: registered for `jobId` from `source` at `registeredAt`, then moved through `moves`. */
async function candidacy(
  app: ServiceApp,
  jobId: string,
  source: string,
  registeredAt: string,
  moves: readonly CandidateStage[] = [],
): Promise<void> {
  const candidateId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  const events: Event[] = [facts.registered({ jobId, source })];
  let stage: CandidateStage = 'applied';
  for (const next of moves) {
    events.push(facts.moved(stage, next));
    stage = next;
  }
  let revision: bigint | undefined;
  for (const [i, event] of events.entries()) {
    const at = new Date(Date.parse(registeredAt) + i * 86_400_000);
    const result = await app.store.append(
      candidateStreamName(candidateId),
      [event],
      revision,
      CONTEXT,
      at,
    );
    revision = result.nextRevision;
  }
}

describeWithChromium('the analytics dashboard in headless Chromium', () => {
  const api = useServiceApp('analytics', { env: () => ({}) });
  let browser: Browser | undefined;

  const routeAnswer = async <T>(url: string): Promise<T> => {
    const response = await api.inject({ method: 'GET', url, as: 'auditor' });
    expect([url, response.statusCode]).toEqual([url, 200]);
    return response.json<T>();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    await candidacy(api, JOB, 'referral', '2026-01-05T10:00:00Z', ['screening', 'interviewing']);
    await candidacy(api, JOB, 'referral', '2026-01-20T10:00:00Z', ['screening']);
    await candidacy(api, JOB, MARKUP_SOURCE, '2026-01-25T10:00:00Z');
    await candidacy(api, JOB, MARKUP_SOURCE, '2026-02-10T10:00:00Z', ['screening']);
    await candidacy(api, JOB, 'job-board', '2026-03-03T10:00:00Z');
    await candidacy(api, OTHER_JOB, 'referral', '2026-02-14T10:00:00Z', ['screening']);
    await eventually('the six registrations counted', async () => {
      // 503 until the projection's first build is live.
      const live = await api.inject({ method: 'GET', url: '/analytics/funnel', as: 'auditor' });
      if (live.statusCode === 503) return undefined;
      const funnel = await routeAnswer<FunnelAnswer>('/analytics/funnel');
      return funnel.stages.find((stage) => stage.stage === 'applied')?.reached === 6
        ? true
        : undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * A fresh page (its own context: no token kept) that records script errors, dialogs and
   * (as "status path") the routes that did not answer 2xx, but the browser's favicon request.
   */
  async function dashboardPage(): Promise<{ page: Page; problems: string[]; failed: string[] }> {
    const page = await browser!.newPage({ acceptDownloads: true });
    const problems: string[] = [];
    const failed: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (response.status() >= 400 && pathname !== '/favicon.ico') {
        failed.push(`${response.status()} ${pathname}`);
      }
    });
    page.on('dialog', (dialog) => {
      problems.push(`a dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.goto(`${api.url}/dashboard`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    return { page, problems, failed };
  }

  async function useToken(page: Page, role: Role): Promise<void> {
    const token = (await api.bearer(role)).replace(/^Bearer /, '');
    await page.getByLabel('Bearer token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
  }

  async function show(page: Page, filters: Readonly<Record<string, string>>): Promise<void> {
    for (const [label, value] of Object.entries(filters)) {
      await page.getByLabel(label).fill(value);
    }
    await page.getByRole('button', { name: 'Show' }).click();
  }

  /** What Chart.js holds for the canvas, and whether anything was painted on it. */
  const chartOn = (page: Page, canvasId: string): Promise<ChartShown | null> =>
    page.evaluate(`(() => {
      const chart = Chart.getChart(${JSON.stringify(canvasId)});
      if (chart === undefined) return null;
      const canvas = chart.canvas;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return {
        labels: chart.data.labels,
        datasets: chart.data.datasets.map(({ label, data }) => ({ label, data })),
        drawn: pixels.some((value, i) => i % 4 === 3 && value !== 0),
      };
    })()`);

  const cellTexts = (page: Page, table: string, key: string) =>
    page.locator(`#table-${table} tbody td[data-key="${key}"]`).allInnerTexts();

  it('serves the page, its scripts and Chart.js from node_modules under a self-only policy', async () => {
    const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));
    for (const [path, type] of [
      ['/dashboard', 'text/html'],
      ['/dashboard/dashboard.js', 'text/javascript'],
      ['/dashboard/csv-export.js', 'text/javascript'],
      ['/dashboard/dashboard.css', 'text/css'],
      ['/dashboard/vendor/chart.umd.js', 'text/javascript'],
    ]) {
      const response = await api.app.inject({ method: 'GET', url: path });
      expect([path, response.statusCode, response.headers['content-type']]).toEqual([
        path,
        200,
        expect.stringContaining(type),
      ]);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const vendor = await api.app.inject({ method: 'GET', url: '/dashboard/vendor/chart.umd.js' });
    expect(vendor.rawPayload.equals(chartJs)).toBe(true);
    const page = (await api.app.inject({ method: 'GET', url: '/dashboard' })).body;
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/<script>/);
    expect(page).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
  });

  it('shows a recruiter the trends and funnels drawn by Chart.js and the process measures, not adverse impact', async () => {
    const { page, problems, failed } = await dashboardPage();
    await useToken(page, 'recruiter');
    expect(await page.locator('#token-status').innerText()).toContain('recruiter-1 (recruiter)');
    await page.getByLabel('Trend interval').selectOption('month');
    await show(page, { 'Job id': JOB, 'Funnels of the jobs (comma-separated)': OTHER_JOB });

    await page.locator('#table-funnel').waitFor();
    const [funnel, otherFunnel] = await Promise.all([
      routeAnswer<FunnelAnswer>(`/analytics/funnel?jobId=${JOB}`),
      routeAnswer<FunnelAnswer>(`/analytics/funnel?jobId=${OTHER_JOB}`),
    ]);
    expect(funnel.stages.find((stage) => stage.stage === 'applied')?.reached).toBe(5);
    const funnelChart = await chartOn(page, 'funnel-chart');
    expect(funnelChart).toEqual({
      labels: funnel.stages.map((stage) => stage.stage),
      datasets: [
        { label: JOB, data: funnel.stages.map((stage) => stage.reached) },
        { label: OTHER_JOB, data: otherFunnel.stages.map((stage) => stage.reached) },
      ],
      drawn: true,
    });

    await page.locator('#table-trends').waitFor();
    const registered = await routeAnswer<TrendAnswer>(
      `/analytics/trends?jobId=${JOB}&measure=registered&interval=month`,
    );
    expect(registered.points.filter((point) => point.count > 0)).toEqual([
      { periodStart: '2026-01-01', count: 3 },
      { periodStart: '2026-02-01', count: 1 },
      { periodStart: '2026-03-01', count: 1 },
    ]);
    const trendsChart = await chartOn(page, 'trends-chart');
    expect(trendsChart?.drawn).toBe(true);
    expect(trendsChart?.datasets.map((dataset) => dataset.label)).toEqual([
      'registered',
      'hired',
      'offers accepted',
    ]);
    const shownRegistered = Object.fromEntries(
      trendsChart!.labels.map((label, i) => [label, trendsChart!.datasets[0].data[i]]),
    );
    for (const { periodStart, count } of registered.points) {
      expect([periodStart, shownRegistered[periodStart]]).toEqual([periodStart, count]);
    }

    // The process measures as tables; adverse impact refused with a note, no table, no error.
    for (const table of [
      'stage-times-stages',
      'time-to-hire',
      'interviews',
      'feedback',
      'offers',
    ]) {
      await page.locator(`#table-${table}`).waitFor();
    }
    const refusal = page.locator('#adverse-impact .note');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('auditors and admins only');
    expect(await page.locator('#table-adverse-impact').count()).toBe(0);
    expect(await page.locator('#adverse-impact .content').isHidden()).toBe(true);
    expect(await page.locator('#problem').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    expect(new Set(failed)).toEqual(new Set(['403 /analytics/adverse-impact']));
    await page.close();
  });

  it('exports a table as the CSV of the values the route answered', async () => {
    const { page } = await dashboardPage();
    await useToken(page, 'hiring-manager');
    await show(page, { 'Job id': JOB });
    await page.locator('#table-pass-through').waitFor();
    const funnel = await routeAnswer<FunnelAnswer>(`/analytics/funnel?jobId=${JOB}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', {
          name: 'Download Pass-through rate from each stage to the next as CSV',
        })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pass-through-\d{4}-\d\d-\d\dT.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toBe(
      [
        'job,from,to,rate',
        ...funnel.passThrough.map(({ from, to, rate }) => `${JOB},${from},${to},${rate ?? ''}`),
        '',
      ].join('\r\n'),
    );
    await page.close();
  });

  it('quotes CSV fields as RFC 4180 says and keeps text that a spreadsheet would run as a formula', async () => {
    const { page } = await dashboardPage();
    const csv = await page.evaluate(`hirestreamCsv.csvText(
      ['name', 'value'],
      [
        ['a "quoted", comma', 1.5],
        ['two\\nlines', null],
        ['=HYPERLINK("http://example.org")', -3],
        ['+1', '-1'],
        ['@SUM(A1)', 'plain'],
      ],
    )`);
    expect(csv).toBe(
      [
        'name,value',
        '"a ""quoted"", comma",1.5',
        '"two\nlines",',
        `"'=HYPERLINK(""http://example.org"")",-3`,
        `'+1,'-1`,
        `'@SUM(A1),plain`,
        '',
      ].join('\r\n'),
    );
    await page.close();
  });

  it('shows markup from an answer as text', async () => {
    const { page, problems } = await dashboardPage();
    await useToken(page, 'recruiter');
    await show(page, { Source: MARKUP_SOURCE });
    const scope = page.locator('#scope');
    await scope.filter({ hasText: 'onerror' }).waitFor();
    expect(await scope.innerText()).toContain(`only source ${MARKUP_SOURCE}.`);
    await page.locator('#table-funnel').waitFor();
    expect(await cellTexts(page, 'funnel', 'reached')).toContain('2');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.markupRan')).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an auditor the adverse-impact table beside the process measures', async () => {
    const { page, problems, failed } = await dashboardPage();
    await useToken(page, 'auditor');
    await show(page, {});
    await page.locator('#table-adverse-impact').waitFor();
    await page.locator('#table-funnel').waitFor();
    expect(await page.locator('#adverse-impact .note').isHidden()).toBe(true);
    const stages = new Set(await cellTexts(page, 'adverse-impact', 'stage'));
    expect([...stages]).toEqual(['screening', 'interview', 'offer', 'hire']);
    // Six candidacies, none self-identified: every group too small to show.
    expect(await cellTexts(page, 'adverse-impact', 'considered')).toContain('suppressed');
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('hides every section with a note for a role that may read none, and says so for a bad token', async () => {
    const { page } = await dashboardPage();
    await useToken(page, 'interviewer');
    const notes = page.locator('section.measure > .note');
    await eventually('every section refused', async () =>
      (await notes.filter({ hasText: 'Not shown' }).count()) === 4 ? true : undefined,
    );
    expect(await page.locator('canvas:visible, table:visible').count()).toBe(0);

    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    const problem = page.locator('#problem');
    await problem.filter({ hasText: '401' }).waitFor();
    await eventually('every section hidden', async () =>
      (await page.locator('section.measure:visible').count()) === 0 ? true : undefined,
    );
    await page.close();
  });
});
