// `hirestream healthcheck [PATH]`: exits 0 when the service of this container
// answers 200 on PATH (default /health/ready) at 127.0.0.1:$PORT, else 1; for
// compose healthchecks, as the image has no curl.
const HEALTHCHECK_TIMEOUT_MS = 3_000;

const path = process.argv[2] ?? '/health/ready';
const url = `http://127.0.0.1:${process.env.PORT ?? '3000'}${path}`;
fetch(url, { signal: AbortSignal.timeout(HEALTHCHECK_TIMEOUT_MS) }).then(
  (response) => {
    if (!response.ok) console.error(`${url} answered ${response.status}`);
    process.exit(response.ok ? 0 : 1);
  },
  (error: unknown) => {
    console.error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
