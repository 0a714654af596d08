import { Public } from '@hirestream/platform';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's own files: scripts and styles from this origin only, so no
 * inline script or handler runs, and nothing is fetched from elsewhere.
 */
export const CONSOLE_SECURITY_POLICY =
  "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type ConsoleAsset = Readonly<{ body: Buffer; contentType: string }>;

/** apps/audit/static, beside src both here and in dist/ (the build copies it). */
const STATIC_DIR = join(__dirname, '..', '..', 'static');

function asset(name: string, contentType: string): ConsoleAsset {
  return { body: readFileSync(join(STATIC_DIR, name)), contentType };
}

const PAGE = asset('console.html', 'text/html; charset=utf-8');
const STYLE = asset('console.css', 'text/css; charset=utf-8');
const SCRIPT = asset('console.js', 'text/javascript; charset=utf-8');

/**
 * The auditor's console: a page and its script, public because they hold no
 * data. Every call the script makes goes to the auditor-only routes with the
 * token the auditor gives it.
 */
@Public()
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  @Get()
  page(@Res() reply: FastifyReply): void {
    send(reply, PAGE);
  }

  @Get('console.css')
  style(@Res() reply: FastifyReply): void {
    send(reply, STYLE);
  }

  @Get('console.js')
  script(@Res() reply: FastifyReply): void {
    send(reply, SCRIPT);
  }
}

function send(reply: FastifyReply, { body, contentType }: ConsoleAsset): void {
  void reply
    .header('content-type', contentType)
    .header('content-security-policy', CONSOLE_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .send(body);
}
