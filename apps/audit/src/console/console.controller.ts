import { StaticPage, filesIn, staticPageController } from '@hirestream/platform';
import { join } from 'node:path';

/** apps/audit/static, beside src both here and in dist/ (the build copies it). */
const STATIC_DIR = join(__dirname, '..', '..', 'static');

const CONSOLE = new StaticPage({
  path: 'console',
  title: 'hirestream audit console',
  body: join(STATIC_DIR, 'console.html'),
  files: filesIn(STATIC_DIR, ['console.css', 'console.js']),
});

/**
 * The auditor's console: a page and its script, public because they hold no
 * data. Every call the script makes goes to the auditor-only routes with the
 * token the auditor gives it.
 */
export class ConsoleController extends staticPageController(CONSOLE) {}
