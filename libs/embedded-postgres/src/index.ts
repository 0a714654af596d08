export {
  EMBEDDED_POSTGRES_PASSWORD,
  EMBEDDED_POSTGRES_USER,
  startPostgresServer,
} from './postgres-server';
export type { PostgresServer, PostgresServerOptions } from './postgres-server';
export { postgresDataFolder } from './relocated-data-folder';
