import { Public } from '@hirestream/platform';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The dashboard's own files and Chart.js, all from this origin: no inline script or style
 * element runs, and nothing is fetched from elsewhere.
 */
export const DASHBOARD_SECURITY_POLICY =
  "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type DashboardAsset = Readonly<{ body: Buffer; contentType: string }>;

/** apps/analytics/static, beside src both here and in dist/ (the build copies it). */
const STATIC_DIR = join(__dirname, '..', '..', 'static');

/**
 * Chart.js's browser build from node_modules. The package exports no subpath for it, so it is
 * found beside the CommonJS build the package does export.
 */
const CHART_JS_UMD = join(dirname(require.resolve('chart.js')), 'chart.umd.js');

const JAVASCRIPT = 'text/javascript; charset=utf-8';

function asset(path: string, contentType: string): DashboardAsset {
  return { body: readFileSync(path), contentType };
}

const PAGE = asset(join(STATIC_DIR, 'dashboard.html'), 'text/html; charset=utf-8');
const STYLE = asset(join(STATIC_DIR, 'dashboard.css'), 'text/css; charset=utf-8');
const SCRIPT = asset(join(STATIC_DIR, 'dashboard.js'), JAVASCRIPT);
const CSV_SCRIPT = asset(join(STATIC_DIR, 'csv-export.js'), JAVASCRIPT);
const CHART_JS = asset(CHART_JS_UMD, JAVASCRIPT);

/**
 * The analytics dashboard: a page, its scripts and Chart.js, public because they hold no data.
 * Every call the script makes goes to the /analytics routes with the token its user gives it,
 * and those routes decide what the token's role may read.
 */
@Public()
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  @Get()
  page(@Res() reply: FastifyReply): void {
    send(reply, PAGE);
  }

  @Get('dashboard.css')
  style(@Res() reply: FastifyReply): void {
    send(reply, STYLE);
  }

  @Get('dashboard.js')
  script(@Res() reply: FastifyReply): void {
    send(reply, SCRIPT);
  }

  @Get('csv-export.js')
  csvScript(@Res() reply: FastifyReply): void {
    send(reply, CSV_SCRIPT);
  }

  @Get('vendor/chart.umd.js')
  chartJs(@Res() reply: FastifyReply): void {
    send(reply, CHART_JS);
  }
}

function send(reply: FastifyReply, { body, contentType }: DashboardAsset): void {
  void reply
    .header('content-type', contentType)
    .header('content-security-policy', DASHBOARD_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .send(body);
}
