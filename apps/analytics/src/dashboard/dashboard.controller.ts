import { StaticPage, filesIn, staticPageController } from '@hirestream/platform';
import { dirname, join } from 'node:path';

/** apps/analytics/static, beside src both here and in dist/ (the build copies it). */
const STATIC_DIR = join(__dirname, '..', '..', 'static');

/**
 * Chart.js's browser build from node_modules. The package exports no subpath for it, so it is
 * found beside the CommonJS build the package does export.
 */
const CHART_JS_UMD = join(dirname(require.resolve('chart.js')), 'chart.umd.js');

const DASHBOARD = new StaticPage({
  path: 'dashboard',
  title: 'hirestream analytics dashboard',
  body: join(STATIC_DIR, 'dashboard.html'),
  files: {
    'dashboard.css': join(STATIC_DIR, 'dashboard.css'),
    'vendor/chart.umd.js': CHART_JS_UMD,
    ...filesIn(STATIC_DIR, ['csv-export.js', 'dashboard.js']),
  },
});

/**
 * The analytics dashboard: a page, its scripts and Chart.js, all from this origin and public
 * because they hold no data. Every call the script makes goes to the /analytics routes with the
 * token its user gives it, and those routes decide what the token's role may read.
 */
export class DashboardController extends staticPageController(DASHBOARD) {}
