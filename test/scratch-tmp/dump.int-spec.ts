import { useServiceApps } from '@hirestream/testing';
import { writeFileSync } from 'node:fs';
const apps = useServiceApps({ candidates: {}, scheduling: {} });
it('dumps', async () => {
  for (const name of ['candidates', 'scheduling'] as const) {
    const r = await apps[name].inject({ method: 'GET', url: '/docs-json' });
    writeFileSync(`/tmp/hs-fuzz-${name}.json`, JSON.stringify(r.json(), null, 2));
  }
});
