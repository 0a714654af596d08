import { hiringSeeds, useServiceApps } from '@hirestream/testing';

// A service the audit service asks that does not answer is named in a 502,
// never a 500: here candidates is not listening at all.

const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  audit: { env: { AUDIT_SERVICE_URLS: 'candidates=http://127.0.0.1:2' } },
});

it('answers 502 naming the service that did not answer', async () => {
  const candidateId = await hiringSeeds(apps).appliedCandidate();
  for (const url of ['state?revision=0', 'diff?from=0&to=0']) {
    const response = await apps.audit.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/${url}`,
      as: 'auditor',
    });
    expect(response.statusCode).toBe(502);
    expect(response.json<{ detail: string }>().detail).toMatch(
      /^no state from candidates \(did not answer at http:\/\/127\.0\.0\.1:2: ECONNREFUSED\)$/,
    );
  }
});
