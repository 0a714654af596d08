// The auditor's console. Every value shown is put in the page as text (textContent, text
// nodes): candidate data may hold markup, and none of it is ever parsed as HTML. Every data
// call goes to the audit service's auditor-only routes with the token the auditor gave.
'use strict';

(() => {
  const TOKEN_KEY = 'hirestream-audit-token';
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  const { el, tokenForm } = window.hirestreamStaffPage;
  const $ = (id) => document.getElementById(id);

  const json = (value) => JSON.stringify(value, null, 2);
  const shown = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

  /** What went wrong, said to the auditor. */
  class ConsoleProblem extends Error {}

  const STATUS_MEANING = {
    400: 'The audit service refused the request (400)',
    401: 'Not authenticated (401): the audit service needs a valid token. Give an auditor’s or an admin’s token above',
    403: 'Not allowed (403): this token’s roles may not read audit data; an auditor’s or an admin’s may',
    404: 'Not found (404)',
    502: 'A service did not answer with its state (502)',
    503: 'The audit service cannot check tokens or read the store right now (503)',
  };

  async function problemOf(response) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.detail ?? body.title ?? '';
    } catch {
      // A body that is not a problem document: the status says enough.
    }
    const meaning =
      STATUS_MEANING[response.status] ?? `The audit service answered ${response.status}`;
    return new ConsoleProblem(detail === '' ? `${meaning}.` : `${meaning}: ${detail}`);
  }

  /** GET from the audit service with the token (none when none was given). */
  async function request(path) {
    const headers = token() === '' ? {} : { authorization: `Bearer ${token()}` };
    try {
      return await fetch(path, { headers, cache: 'no-store' });
    } catch (error) {
      throw new ConsoleProblem(`The audit service did not answer: ${error.message}`);
    }
  }

  /** `request`, where a status other than 2xx is a ConsoleProblem. */
  async function get(path) {
    const response = await request(path);
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  const getJson = async (path) => (await get(path)).json();

  function showProblem(error) {
    const problem = $('problem');
    problem.textContent =
      error instanceof ConsoleProblem ? error.message : `Unexpected: ${error.message}`;
    problem.hidden = false;
  }

  // ---- token ---------------------------------------------------------------------------------

  const token = tokenForm({
    section: $('token-section'),
    storageKey: TOKEN_KEY,
    label: 'Bearer token of an auditor or an admin',
    service: 'audit service',
    withoutToken:
      'No token given: every request goes without one, and is refused. In development: npm run token -- --role auditor --sub auditor-1',
    changed: (given) => {
      if (given !== '' && current.candidateId !== undefined) {
        void openCandidate(current.candidateId);
      }
    },
  });

  // ---- candidate -----------------------------------------------------------------------------

  /** The candidate shown; `load` counts openings so that a slow answer for an earlier one is dropped. */
  const current = { candidateId: undefined, lastRevision: undefined, load: 0 };

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    return { candidateId: params.get('candidate') ?? '', revision: params.get('revision') };
  }

  function writeHash(candidateId, revision) {
    const params = new URLSearchParams({ candidate: candidateId });
    if (revision !== undefined) params.set('revision', revision);
    history.replaceState(null, '', `#${params}`);
  }

  $('find-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const candidateId = $('candidate-id').value.trim();
    if (!UUID.test(candidateId)) {
      $('candidate').hidden = true;
      showProblem(new ConsoleProblem(`A candidate id is a UUID; “${candidateId}” is not one.`));
      return;
    }
    writeHash(candidateId);
    void openCandidate(candidateId);
  });

  async function openCandidate(candidateId, revision) {
    const load = ++current.load;
    current.candidateId = candidateId;
    current.lastRevision = undefined;
    $('problem').hidden = true;
    $('candidate').hidden = true;
    $('state-section').hidden = true;
    const base = `/candidates/${encodeURIComponent(candidateId)}`;
    let timeline;
    try {
      timeline = await getJson(`${base}/timeline`);
    } catch (error) {
      if (load === current.load) showProblem(error);
      return;
    }
    if (load !== current.load) return;
    current.lastRevision = timeline.events.at(-1)?.revision;
    renderTimeline(timeline);
    $('summary').replaceChildren(
      el('dt', {}, 'id'),
      el('dd', { id: 'summary-id' }, candidateId),
      el('dt', {}, 'stream'),
      el('dd', {}, timeline.streamName),
      el('dt', {}, 'events'),
      el('dd', {}, `${timeline.events.length} (revisions 0 to ${current.lastRevision})`),
    );
    $('download-status').textContent = '';
    $('verification').replaceChildren(el('p', { class: 'muted' }, 'Verifying the chain…'));
    $('candidate').hidden = false;
    await Promise.all([
      showSummary(base, load),
      showVerification(timeline.streamName, load),
      revision === null || revision === undefined ? undefined : openState(revision),
    ]);
  }

  /** Name and email from the candidates service's state at the end, when it holds them. */
  async function showSummary(base, load) {
    let state;
    try {
      state = await getJson(`${base}/state`);
    } catch (error) {
      if (load === current.load) showProblem(error);
      return;
    }
    if (load !== current.load) return;
    const person = state.services.candidates?.aggregates?.candidate?.candidate;
    const rows = [];
    if (person !== undefined) {
      rows.push(el('dt', {}, 'name'), el('dd', { id: 'summary-name' }, shown(person.fullName)));
      rows.push(el('dt', {}, 'email'), el('dd', {}, shown(person.email)));
      rows.push(el('dt', {}, 'stage'), el('dd', {}, shown(person.stage)));
    }
    rows.push(el('dt', {}, 'services'), el('dd', {}, Object.keys(state.services).join(', ')));
    $('summary').prepend(...rows);
  }

  // ---- timeline ------------------------------------------------------------------------------

  function reasonsList(reasons) {
    const entries = Object.entries(reasons);
    if (entries.length === 0) return el('span', { class: 'muted' }, '—');
    return el(
      'ul',
      { class: 'reasons' },
      entries.map(([path, value]) => el('li', {}, `${path}: ${shown(value)}`)),
    );
  }

  function renderTimeline({ events }) {
    const rows = events.map((event) =>
      el(
        'tr',
        { 'data-revision': event.revision },
        el('td', {}, event.revision),
        el('td', {}, el('time', { datetime: event.occurredAt }, event.occurredAt)),
        el('td', { class: 'type' }, event.type),
        el('td', { class: 'actor' }, event.actor.id),
        el('td', { class: 'role' }, event.actor.role),
        el('td', { class: 'why' }, reasonsList(event.reasons)),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'open-state',
              'data-revision': event.revision,
              'aria-label': `State after revision ${event.revision} (${event.type})`,
            },
            'State here',
          ),
        ),
      ),
    );
    $('timeline').tBodies[0].replaceChildren(...rows);
  }

  $('timeline').addEventListener('click', (event) => {
    const button = event.target.closest('button.open-state');
    if (button === null) return;
    writeHash(current.candidateId, button.dataset.revision);
    void openState(button.dataset.revision);
  });

  // ---- state at an event ---------------------------------------------------------------------

  function differenceList(difference) {
    const items = [
      ...difference.added.map(({ path, value }) => `added ${path}: ${JSON.stringify(value)}`),
      ...difference.removed.map(({ path, value }) => `removed ${path}: ${JSON.stringify(value)}`),
      ...difference.changed.map(
        ({ path, from, to }) => `changed ${path}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`,
      ),
    ];
    return items.length === 0
      ? el('p', { class: 'muted' }, 'No change.')
      : el(
          'ul',
          {},
          items.map((item) => el('li', {}, item)),
        );
  }

  async function openState(revision) {
    const { candidateId, lastRevision, load } = current;
    const base = `/candidates/${encodeURIComponent(candidateId)}`;
    for (const row of $('timeline').tBodies[0].rows) {
      row.setAttribute('aria-current', String(row.dataset.revision === revision));
    }
    const section = $('state-section');
    const heading = $('state-heading');
    heading.textContent = `State after revision ${revision}`;
    $('state').replaceChildren(el('p', { class: 'muted' }, 'Asking every service…'));
    section.hidden = false;
    heading.focus();
    let state;
    let diff;
    try {
      [state, diff] = await Promise.all([
        getJson(`${base}/state?revision=${encodeURIComponent(revision)}`),
        revision === lastRevision
          ? undefined
          : getJson(
              `${base}/diff?from=${encodeURIComponent(revision)}&to=${encodeURIComponent(lastRevision)}`,
            ),
      ]);
    } catch (error) {
      if (load === current.load) {
        $('state').replaceChildren();
        showProblem(error);
      }
      return;
    }
    if (load !== current.load) return;
    const event = state.events.at(-1);
    heading.textContent = `State after revision ${state.revision}: ${event.type} at ${state.occurredAt}`;
    const parts = [];
    parts.push(el('h3', {}, 'From here to the end'));
    if (diff === undefined) {
      parts.push(el('p', { id: 'state-is-end' }, 'This is the last event: the state now.'));
    } else {
      parts.push(
        el(
          'p',
          {},
          `${diff.events.length} event(s) came after it, up to revision ${diff.to.revision}. What they changed, service by service:`,
        ),
      );
      for (const [service, difference] of Object.entries(diff.services)) {
        parts.push(
          el('div', { class: 'difference', 'data-service': service }, [
            el('h4', {}, service),
            differenceList(difference),
          ]),
        );
      }
    }
    parts.push(el('h3', {}, 'Every service’s state'));
    for (const [service, part] of Object.entries(state.services)) {
      parts.push(
        el(
          'details',
          { class: 'service-state', 'data-service': service, open: '' },
          el('summary', {}, service),
          el('pre', {}, json(part.aggregates)),
          el(
            'details',
            { class: 'schema-versions' },
            el('summary', {}, 'Schema versions read, and upcasts applied'),
            el('pre', {}, json({ schemaVersions: part.schemaVersions, upcasted: part.upcasted })),
          ),
        ),
      );
    }
    $('state').replaceChildren(...parts);
  }

  // ---- chain verification and anchor ---------------------------------------------------------

  async function showVerification(streamName, load) {
    const path = `/streams/${encodeURIComponent(streamName)}`;
    let verification;
    let anchor;
    try {
      [verification, anchor] = await Promise.all([
        getJson(`${path}/verification`),
        fetchAnchor(`${path}/anchor`),
      ]);
    } catch (error) {
      if (load === current.load) {
        $('verification').replaceChildren(
          el('p', { class: 'broken' }, `Not verified: ${error.message}`),
        );
      }
      return;
    }
    if (load !== current.load) return;
    const parts = [];
    const { firstBreak } = verification;
    parts.push(
      firstBreak === null
        ? el(
            'p',
            { id: 'chain-verdict', class: 'intact' },
            `Intact: ${verification.checked} of ${verification.events} events checked, every link and hash held.`,
          )
        : el(
            'p',
            { id: 'chain-verdict', class: 'broken' },
            `Broken at revision ${firstBreak.revision} (${firstBreak.kind}): ${firstBreak.detail}` +
              (firstBreak.eventId === null ? '' : ` — event ${firstBreak.eventId}`),
          ),
    );
    const facts = [];
    if (verification.beforeChain !== null) {
      const { count, firstRevision, lastRevision } = verification.beforeChain;
      facts.push(
        el('dt', {}, 'before the chain'),
        el(
          'dd',
          {},
          `${count} event(s), revisions ${firstRevision} to ${lastRevision}: written before the chain began, not a break`,
        ),
      );
    }
    if (verification.head !== null) {
      facts.push(
        el('dt', {}, 'head'),
        el('dd', {}, `revision ${verification.head.revision}, hash `, hashText(verification.head)),
      );
    }
    facts.push(el('dt', {}, 'anchored head'));
    if (anchor === undefined) {
      facts.push(
        el(
          'dd',
          { id: 'anchor' },
          'None yet: the audit worker anchors the heads that moved every ANCHOR_INTERVAL_SECONDS.',
        ),
      );
    } else {
      facts.push(
        el(
          'dd',
          { id: 'anchor' },
          `revision ${anchor.head.revision} in anchor ${anchor.sequence} of ${anchor.anchoredAt}, ` +
            `Merkle root `,
          el('span', { class: 'hash' }, anchor.root),
          ', signed by key ',
          el('span', { class: 'hash' }, anchor.keyId),
        ),
      );
    }
    parts.push(el('dl', {}, facts));
    $('verification').replaceChildren(...parts);
  }

  const hashText = ({ hash }) =>
    hash === null
      ? el('span', { class: 'muted' }, 'none (before the chain)')
      : el('span', { class: 'hash' }, hash);

  /** The stream's latest anchor, or undefined while none holds it (404). */
  async function fetchAnchor(path) {
    const response = await request(path);
    if (response.status === 404) return undefined;
    if (!response.ok) throw await problemOf(response);
    return response.json();
  }

  // ---- export --------------------------------------------------------------------------------

  $('download').addEventListener('click', async () => {
    const { candidateId } = current;
    const status = $('download-status');
    status.textContent = 'Exporting…';
    let response;
    let bundle;
    try {
      response = await get(`/candidates/${encodeURIComponent(candidateId)}/export`);
      bundle = await response.blob();
    } catch (error) {
      status.textContent = '';
      showProblem(error);
      return;
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `candidate-${candidateId}.tar`;
    const url = URL.createObjectURL(bundle);
    const link = el('a', { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `Downloaded ${filename} (${bundle.size} bytes). Verify it offline: hirestream audit verify-bundle ${filename}`;
  });

  // ---- start ---------------------------------------------------------------------------------

  const start = readHash();
  if (UUID.test(start.candidateId)) {
    $('candidate-id').value = start.candidateId;
    void openCandidate(start.candidateId, start.revision);
  }
})();
