// The analytics dashboard. Every value shown is put in the page as text (textContent, text
// nodes): a job id, a source or a reason may hold markup, and none of it is ever parsed as HTML.
// Every data call goes to the analytics service's /analytics routes with the token given here;
// the routes decide what the token's role may read, and a section they refuse (403) is hidden
// with a short note.
'use strict';

(() => {
  const TOKEN_KEY = 'hirestream-analytics-token';
  const FILTER_FIELDS = ['jobId', 'department', 'source', 'from', 'to'];
  const TREND_MEASURES = [
    ['registered', 'registered'],
    ['hired', 'hired'],
    ['offers-accepted', 'offers accepted'],
  ];
  const PROCESS_MEASURES = [
    ['stage-times', 'Time in each stage'],
    ['time-to-hire', 'Time to hire'],
    ['interviews', 'Interviews'],
    ['feedback', 'Feedback'],
    ['offers', 'Offers'],
    ['adverse-actions', 'Adverse actions'],
    ['calibration', 'Interviewer calibration'],
  ];
  const DECISION_STAGES = ['screening', 'interview', 'offer', 'hire'];
  const ALL_JOBS = 'all jobs';
  const SUPPRESSED = 'suppressed';

  const { el, tokenForm } = window.hirestreamStaffPage;
  const $ = (id) => document.getElementById(id);

  /** A route's answer other than 2xx, or no answer, said in a sentence. */
  class AnswerProblem extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Counts the loads, so that answers to an earlier one are dropped. */
  let currentLoad = 0;
  /** The load in which a route refused the token (401): nothing of it is shown. */
  let unauthenticatedLoad = 0;

  async function problemOf(response) {
    let said = '';
    try {
      const body = await response.json();
      said = String(body.detail ?? body.title ?? '');
    } catch {
      // Not a problem document: the status says enough.
    }
    const status = `the analytics service answered ${response.status}`;
    // A short sentence, never a whole document.
    const shortened = said.length > 200 ? `${said.slice(0, 200)}…` : said;
    return new AnswerProblem(
      response.status,
      shortened === '' ? status : `${status}: ${shortened}`,
    );
  }

  /** GET a route's JSON with the token and these query parameters (empty ones left out). */
  async function getJson(path, params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') query.set(name, value);
    }
    let response;
    try {
      response = await fetch(`${path}?${query}`, {
        headers: { authorization: `Bearer ${token()}` },
        cache: 'no-store',
      });
    } catch (error) {
      throw new AnswerProblem(0, `the analytics service did not answer (${error.message})`);
    }
    if (!response.ok) throw await problemOf(response);
    return response.json();
  }

  // ---- token ---------------------------------------------------------------------------------

  const token = tokenForm({
    section: $('token-section'),
    storageKey: TOKEN_KEY,
    label: 'Bearer token (recruiter, hiring manager, auditor or admin)',
    service: 'analytics service',
    withoutToken:
      'No token given. In development: npm run token -- --role recruiter --sub recruiter-1',
    // Without a token, loadAll hides every section.
    changed: () => void loadAll(),
  });

  // ---- filters -------------------------------------------------------------------------------

  /** "a, b" → ["a", "b"]. */
  const listOf = (text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');

  /** The filters as the routes take them, and the page's own choices. */
  function readFilters() {
    const form = new FormData($('filters-form'));
    const value = (name) => String(form.get(name) ?? '').trim();
    const filters = Object.fromEntries(FILTER_FIELDS.map((name) => [name, value(name)]));
    const localAsOf = value('asOf');
    // A datetime-local value is the user's local time; the routes take an instant.
    filters.asOf = localAsOf === '' ? '' : new Date(localAsOf).toISOString();
    return {
      filters,
      interval: value('interval'),
      compareJobs: listOf(value('compareJobs')),
      dimensions: listOf(value('dimensions')),
    };
  }

  /** The filter form's values in the address, so that a reload or a shared link keeps them. */
  function writeHash() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData($('filters-form'))) {
      if (value !== '') params.set(name, String(value));
    }
    history.replaceState(null, '', `#${params}`);
  }

  function readHash() {
    for (const [name, value] of new URLSearchParams(location.hash.slice(1))) {
      const field = $('filters-form').elements.namedItem(name);
      if (field !== null) field.value = value;
    }
  }

  $('filters-form').addEventListener('submit', (event) => {
    event.preventDefault();
    writeHash();
    void loadAll();
  });

  // ---- values shown --------------------------------------------------------------------------

  /** "medianHours" → "median hours". */
  const labelOf = (key) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

  /** A value as shown: rates as percentages, null as a dash, anything else as text. */
  function shownValue(key, value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'number') {
      if (/rate$/i.test(key)) return `${(value * 100).toFixed(1)}%`;
      if (/^pvalue$/i.test(key)) return value.toPrecision(3);
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  /**
   * A table with its CSV button. `columns` are keys of `rows`' objects; the CSV holds the values
   * the routes answered (null as an empty field), the page shows them formatted.
   */
  function tableBlock({ name, caption, columns, rows, rowClass }) {
    const table = el(
      'table',
      { id: `table-${name}`, 'data-table': name },
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          columns.map((key) => el('th', { scope: 'col', 'data-key': key }, labelOf(key))),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            rowClass?.(row) === undefined ? {} : { class: rowClass(row) },
            columns.map((key) => el('td', { 'data-key': key }, shownValue(key, row[key]))),
          ),
        ),
      ),
    );
    const button = el(
      'button',
      { type: 'button', class: 'csv', 'aria-label': `Download ${caption} as CSV` },
      'Download CSV',
    );
    button.addEventListener('click', () => {
      const stamp = ($('scope').dataset.asOf ?? 'now').replaceAll(':', '-');
      window.hirestreamCsv.downloadCsv(
        `${name}-${stamp}.csv`,
        columns,
        rows.map((row) => columns.map((key) => row[key])),
      );
    });
    return el('div', { class: 'table-block' }, table, el('p', {}, button));
  }

  /** The keys of rows, in the order they first appear. */
  const keysOf = (rows) => [...new Set(rows.flatMap((row) => Object.keys(row)))];

  const isRowList = (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);

  /**
   * A measure's answer as tables: its single values in one table, each list of rows in one of
   * its own. `asOf` and `filters` echo the question and are shown once, above.
   */
  function measureTables(name, title, answer) {
    const { asOf: _asOf, filters: _filters, ...rest } = answer;
    const entries = Object.entries(rest);
    const single = entries.filter(([, value]) => !isRowList(value));
    const tables = [];
    if (single.length > 0) {
      const row = Object.fromEntries(single);
      tables.push({ name, caption: title, columns: Object.keys(row), rows: [row] });
    }
    for (const [key, rows] of entries.filter(([, value]) => isRowList(value))) {
      tables.push({
        name: `${name}-${key}`,
        caption: `${title}: ${labelOf(key)}`,
        columns: keysOf(rows),
        rows,
      });
    }
    return tables;
  }

  // ---- charts --------------------------------------------------------------------------------

  /** Draws a chart on the canvas with Chart.js, replacing the one drawn before. */
  function drawChart(canvas, config) {
    window.Chart.getChart(canvas)?.destroy();
    return new window.Chart(canvas, {
      ...config,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        ...config.options,
      },
    });
  }

  // ---- sections ------------------------------------------------------------------------------

  const SECTION_IDS = ['trends', 'funnel', 'process', 'adverse-impact'];

  /** Under a section's heading: its note, its chart (named `chartName`) and its tables. */
  function addChartParts(id, chartName) {
    $(id).append(
      el('p', { class: 'note', hidden: '' }),
      el(
        'div',
        { class: 'content' },
        el(
          'div',
          { class: 'chart' },
          el('canvas', {
            id: `${id}-chart`,
            role: 'img',
            'aria-label': `${chartName} chart; the table below holds its values`,
          }),
        ),
        el('div', { class: 'tables' }),
      ),
    );
  }

  const PROCESS_REFUSAL =
    'Not shown: this token’s role may not read the process measures (recruiters, hiring managers, auditors and admins may).';
  const ADVERSE_IMPACT_REFUSAL =
    'Not shown: adverse impact is for auditors and admins only, and this token’s role is neither.';

  function hideSections() {
    for (const id of SECTION_IDS) $(id).hidden = true;
    $('problem').hidden = true;
  }

  /**
   * Loads one part of the page (a section, or one measure of the process section; it holds a
   * .note, a .content and its .tables): `fetchAll` asks the routes, the function it returns
   * draws the answers and returns one of them, whose asOf and filters say what was counted.
   * Returns the status that kept the part from showing (0 without an answer), or 200.
   */
  async function loadPart(part, load, refusal, fetchAll) {
    const note = part.querySelector('.note');
    const content = part.querySelector('.content');
    let draw;
    try {
      draw = await fetchAll();
    } catch (error) {
      if (!(error instanceof AnswerProblem)) throw error;
      if (load !== currentLoad || load === unauthenticatedLoad) return error.status;
      if (error.status === 401) {
        // The token is refused by every route: nothing of the page applies.
        unauthenticatedLoad = load;
        hideSections();
        $('problem').textContent =
          'Not authenticated (401): the analytics service did not accept the token. Give a valid one above.';
        $('problem').hidden = false;
        return error.status;
      }
      for (const canvas of part.querySelectorAll('canvas')) {
        window.Chart.getChart(canvas)?.destroy();
      }
      part.querySelector('.tables').replaceChildren();
      content.hidden = true;
      note.textContent = error.status === 403 ? refusal : `Not shown: ${error.message}.`;
      note.hidden = false;
      part.hidden = false;
      return error.status;
    }
    if (load !== currentLoad || load === unauthenticatedLoad) return 200;
    note.hidden = true;
    content.hidden = false;
    part.hidden = false;
    showScope(draw(part));
    return 200;
  }

  /** What the routes counted: the instant and the filters as they echoed them. */
  function showScope(answer) {
    const scope = $('scope');
    if (answer === undefined || scope.dataset.asOf !== undefined) return;
    scope.dataset.asOf = answer.asOf;
    const filters = Object.entries(answer.filters)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => `${labelOf(name)} ${value}`);
    scope.textContent =
      `Counted as of ${answer.asOf}` +
      (filters.length === 0 ? ', everything.' : `, only ${filters.join('; ')}.`);
  }

  function showTables(section, tables) {
    section.querySelector('.tables').replaceChildren(...tables.map(tableBlock));
  }

  async function fetchTrends({ filters, interval }) {
    const answers = await Promise.all(
      TREND_MEASURES.map(([measure]) =>
        getJson('/analytics/trends', { ...filters, measure, interval }),
      ),
    );
    return (section) => {
      const periods = [
        ...new Set(answers.flatMap((answer) => answer.points.map((point) => point.periodStart))),
      ].sort();
      const counts = answers.map(
        (answer) => new Map(answer.points.map((point) => [point.periodStart, point.count])),
      );
      // A period a measure has no point for counted none of it.
      const rows = periods.map((periodStart) =>
        Object.fromEntries([
          ['periodStart', periodStart],
          ...TREND_MEASURES.map(([measure], i) => [measure, counts[i].get(periodStart) ?? 0]),
        ]),
      );
      drawChart($('trends-chart'), {
        type: 'line',
        data: {
          labels: periods.map((periodStart) => periodStart.slice(0, 10)),
          datasets: TREND_MEASURES.map(([measure, label]) => ({
            label,
            data: rows.map((row) => row[measure]),
          })),
        },
      });
      showTables(section, [
        {
          name: 'trends',
          caption: `Per ${interval}, by the start of the period`,
          columns: ['periodStart', ...TREND_MEASURES.map(([measure]) => measure)],
          rows,
        },
      ]);
      return answers[0];
    };
  }

  async function fetchFunnels({ filters, compareJobs }) {
    const scopes = [
      { job: filters.jobId === '' ? ALL_JOBS : filters.jobId, jobId: filters.jobId },
      ...compareJobs.map((jobId) => ({ job: jobId, jobId })),
    ];
    const answers = await Promise.all(
      scopes.map(({ jobId }) => getJson('/analytics/funnel', { ...filters, jobId })),
    );
    return (section) => {
      const stages = [
        ...new Set(answers.flatMap((answer) => answer.stages.map((stage) => stage.stage))),
      ];
      drawChart($('funnel-chart'), {
        type: 'bar',
        data: {
          labels: stages,
          datasets: answers.map((answer, i) => {
            const reached = new Map(answer.stages.map((stage) => [stage.stage, stage.reached]));
            return { label: scopes[i].job, data: stages.map((stage) => reached.get(stage) ?? 0) };
          }),
        },
      });
      showTables(section, [
        {
          name: 'funnel',
          caption: 'Candidacies that reached each stage',
          columns: ['job', 'stage', 'reached'],
          rows: answers.flatMap((answer, i) =>
            answer.stages.map((stage) => ({ job: scopes[i].job, ...stage })),
          ),
        },
        {
          name: 'pass-through',
          caption: 'Pass-through rate from each stage to the next',
          columns: ['job', 'from', 'to', 'rate'],
          rows: answers.flatMap((answer, i) =>
            answer.passThrough.map((step) => ({ job: scopes[i].job, ...step })),
          ),
        },
      ]);
      return answers[0];
    };
  }

  /**
   * Each measure of the process section loads on its own, so that one that fails leaves the
   * others shown; when every one is refused, the section says so once.
   */
  async function loadProcessMeasures(load, { filters }) {
    const section = $('process');
    const measures = section.querySelector('.measures');
    const parts = PROCESS_MEASURES.map(([measure, title]) =>
      el(
        'div',
        { class: 'part', id: `measure-${measure}`, hidden: '' },
        el('h3', {}, title),
        el('p', { class: 'note', hidden: '' }),
        el('div', { class: 'content' }, el('div', { class: 'tables' })),
      ),
    );
    measures.replaceChildren(...parts);
    const statuses = await Promise.all(
      PROCESS_MEASURES.map(([measure, title], i) =>
        loadPart(parts[i], load, PROCESS_REFUSAL, async () => {
          const answer = await getJson(`/analytics/${measure}`, filters);
          return (part) => {
            showTables(part, measureTables(measure, title, answer));
            return answer;
          };
        }),
      ),
    );
    if (load !== currentLoad) return;
    const refused = statuses.every((status) => status === 403);
    const note = section.querySelector(':scope > .note');
    note.textContent = PROCESS_REFUSAL;
    note.hidden = !refused;
    measures.hidden = refused;
    section.hidden = statuses.includes(401);
  }

  /** One group's row of the adverse-impact table; a suppressed group shows no number. */
  function groupRow(stage, dimension, group) {
    const row = { stage, dimension, group: group.group };
    if (group.kind === 'suppressed') {
      for (const key of ADVERSE_IMPACT_NUMBERS) row[key] = SUPPRESSED;
      row.flagged = SUPPRESSED;
      return row;
    }
    Object.assign(row, {
      considered: group.considered,
      selected: group.selected,
      selectionRate: group.selectionRate,
      impactRatio: group.impactRatio,
      belowFourFifths: group.belowFourFifths,
      test: group.test?.method,
      pValue: group.test?.pValue,
    });
    if (group.kind === 'compared') row.flagged = group.flagged ? 'flagged' : 'not flagged';
    if (group.kind === 'highest-rate') row.note = 'comparison group (highest rate)';
    if (group.kind === 'counted') row.note = 'counted, not compared';
    return row;
  }

  const ADVERSE_IMPACT_NUMBERS = [
    'considered',
    'selected',
    'selectionRate',
    'impactRatio',
    'belowFourFifths',
    'test',
    'pValue',
  ];
  const ADVERSE_IMPACT_COLUMNS = [
    'stage',
    'dimension',
    'group',
    ...ADVERSE_IMPACT_NUMBERS,
    'flagged',
    'note',
  ];

  function adverseImpactRows(stage, dimension, result) {
    const rows = result.groups.map((group) => groupRow(stage, dimension, group));
    const total = { stage, dimension, group: 'total' };
    if (result.total.kind === 'suppressed') {
      for (const key of ['considered', 'selected', 'selectionRate']) total[key] = SUPPRESSED;
    } else {
      Object.assign(total, {
        considered: result.total.considered,
        selected: result.total.selected,
        selectionRate: result.total.selectionRate,
      });
    }
    if (result.kind === 'not-enough-data') {
      total.note = `not compared: ${result.reason.replaceAll('-', ' ')}`;
    }
    return [...rows, total];
  }

  /** Adverse impact is asked per stage and dimension, by job and instant only. */
  async function fetchAdverseImpact({ filters: { jobId, asOf }, dimensions }) {
    const questions = DECISION_STAGES.flatMap((stage) =>
      dimensions.map((dimension) => ({ stage, dimension })),
    );
    const answers = await Promise.all(
      questions.map((question) =>
        getJson('/analytics/adverse-impact', { jobId, asOf, ...question }),
      ),
    );
    return (section) => {
      showTables(section, [
        {
          name: 'adverse-impact',
          caption: 'Selection rates by stage and dimension',
          columns: ADVERSE_IMPACT_COLUMNS,
          rows: answers.flatMap((answer, i) =>
            adverseImpactRows(questions[i].stage, questions[i].dimension, answer.result),
          ),
          rowClass: (row) => (row.flagged === 'flagged' ? 'flagged' : undefined),
        },
      ]);
      // Its filters are the stage and dimension: the process measures say what was counted.
      return undefined;
    };
  }

  async function loadAll() {
    const load = ++currentLoad;
    $('problem').hidden = true;
    if (token() === '') {
      hideSections();
      return;
    }
    const choices = readFilters();
    $('scope').textContent = 'Asking…';
    delete $('scope').dataset.asOf;
    await Promise.all([
      loadPart($('trends'), load, PROCESS_REFUSAL, () => fetchTrends(choices)),
      loadPart($('funnel'), load, PROCESS_REFUSAL, () => fetchFunnels(choices)),
      loadProcessMeasures(load, choices),
      loadPart($('adverse-impact'), load, ADVERSE_IMPACT_REFUSAL, () =>
        fetchAdverseImpact(choices),
      ),
    ]);
  }

  // ---- start ---------------------------------------------------------------------------------

  addChartParts('trends', 'Trends');
  addChartParts('funnel', 'Funnel');
  readHash();
  void loadAll();
})();
