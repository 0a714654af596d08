import { Controller, Get, NotFoundException, Req, Res, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Public } from '../auth/auth.decorators';

/**
 * A page's own files only: no inline script or handler runs, and nothing is fetched from
 * another origin.
 */
export const STATIC_PAGE_SECURITY_POLICY =
  "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const HTML = 'text/html; charset=utf-8';
const STYLESHEET = 'text/css; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';
const CONTENT_TYPES: Readonly<Record<string, string>> = { '.css': STYLESHEET, '.js': SCRIPT };

/** libs/platform/static, beside src both here and in dist/ (the build copies it). */
const SHARED_DIR = join(__dirname, '..', '..', 'static');

/** What every staff page loads first: the base stylesheet, `el` and the token form. */
const SHARED_FILES = ['staff-page.css', 'staff-page.js'];

type StaticFile = Readonly<{ body: Buffer; contentType: string }>;

/** Each name of `names` as a route of the same name, for the file of that name in `folder`. */
export function filesIn(folder: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, join(folder, name)]));
}

export type StaticPageOptions = Readonly<{
  /** The first path segment of every route, e.g. 'console'. */
  path: string;
  title: string;
  /** The file holding what goes inside the page's `<body>`. */
  body: string;
  /**
   * Route under `path` → file, for the page's own stylesheets and scripts: the page links every
   * one, in this order, after the shared ones.
   */
  files: Readonly<Record<string, string>>;
}>;

/**
 * A service's browser page for its staff: `/<path>` is the page, written around the body file
 * with the shared files and the page's own linked in its head; `/<path>/<route>` each file. All
 * are read once at start and served with the self-only policy and nosniff.
 */
export class StaticPage {
  readonly path: string;
  /** The routes under `path`: '' is the page itself. */
  readonly routes: string[];
  private readonly files: ReadonlyMap<string, StaticFile>;

  constructor({ path, title, body, files }: StaticPageOptions) {
    const assets = Object.entries({ ...filesIn(SHARED_DIR, SHARED_FILES), ...files }).map(
      ([route, file]) => [route, assetAt(file)] as const,
    );
    const page = pageAround(readFileSync(body, 'utf8'), title, path, assets);
    this.path = path;
    this.routes = ['', ...assets.map(([route]) => route)];
    this.files = new Map([
      [`/${path}`, { body: Buffer.from(page), contentType: HTML }],
      ...assets.map(([route, asset]) => [`/${path}/${route}`, asset] as const),
    ]);
  }

  send(request: FastifyRequest, reply: FastifyReply): void {
    const file = this.files.get(request.routeOptions.url ?? '');
    if (file === undefined) throw new NotFoundException();
    void reply
      .header('content-type', file.contentType)
      .header('content-security-policy', STATIC_PAGE_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(file.body);
  }
}

function assetAt(path: string): StaticFile {
  const contentType = CONTENT_TYPES[extname(path)];
  if (contentType === undefined) throw new Error(`${path}: a page's file is a .css or a .js`);
  return { body: readFileSync(path), contentType };
}

function pageAround(
  body: string,
  title: string,
  path: string,
  assets: readonly (readonly [string, StaticFile])[],
): string {
  const head = assets.map(([route, { contentType }]) =>
    contentType === STYLESHEET
      ? `    <link rel="stylesheet" href="/${path}/${route}" />`
      : `    <script src="/${path}/${route}" defer></script>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `    <title>${title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</title>`,
    ...head,
    '  </head>',
    '  <body>',
    body.trimEnd(),
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The controller serving `page`: public (the page and its files hold no data) and out of the
 * OpenAPI document. A service names it: `export class ConsoleController extends
 * staticPageController(CONSOLE) {}`.
 */
export function staticPageController(page: StaticPage): Type<object> {
  @Public()
  @ApiExcludeController()
  @Controller(page.path)
  class StaticPageController {
    @Get(page.routes)
    file(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
      page.send(request, reply);
    }
  }
  return StaticPageController;
}
