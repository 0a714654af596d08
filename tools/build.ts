import { transformFile, type Options } from '@swc/core';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

// `npm run build`: every app, library and tool compiled to CommonJS under
// dist/ (the same layout, `@hirestream/*` aliases rewritten to relative
// paths), with source maps and the data files the code reads at run time, so
// `node dist/apps/<name>/src/main.js` runs a service without compiling at
// start. swc only transforms; `npm run typecheck` checks the types.
const root = resolve(__dirname, '..');
const out = join(root, 'dist');
const SOURCE_FOLDERS = ['apps', 'libs', 'tools'];
/** Tests and the scaffold's templates are not part of what runs. */
const SKIPPED_FOLDERS = new Set(['test', 'service-template', 'node_modules']);
const PARALLEL = 8;

const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

const swcOptions: Options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true },
    baseUrl: root,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : filesUnder(path);
    return [path];
  });
}

const isSource = (path: string) => path.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(path);
/**
 * Data read at run time (offer policies, message templates, the `static/` browser files of an app
 * or a library, such as the audit console and the staff pages' shared files in
 * libs/platform/static); tools read ../package.json for the version.
 */
const isData = (path: string) =>
  path.endsWith('.json') || path.endsWith('.hbs') || /[\\/]static[\\/]/.test(path);

async function compile(source: string): Promise<void> {
  const target = join(out, relative(root, source)).replace(/\.ts$/, '.js');
  const { code, map } = await transformFile(source, {
    ...swcOptions,
    filename: source,
    sourceFileName: relative(dirname(target), source),
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
  if (map !== undefined) writeFileSync(`${target}.map`, map);
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  const files = SOURCE_FOLDERS.flatMap((folder) => filesUnder(join(root, folder)));
  const sources = files.filter(isSource);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < sources.length) await compile(sources[next++]);
    }),
  );
  const data = [...files.filter(isData), join(root, 'package.json')];
  for (const file of data) {
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  console.log(
    `built ${sources.length} files and copied ${data.length} data files to ${relative(process.cwd(), out) || '.'} in ${Date.now() - started} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
