import { stopSharedPostgres } from './shared-postgres';

export default async function globalTeardown(): Promise<void> {
  await stopSharedPostgres();
}
