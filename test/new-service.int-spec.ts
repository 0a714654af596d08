import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir, removeTempDir } from './support/temp-dir';

// `npm run new-service` in a copy of the repository: the generated service
// compiles with everything else, passes lint and its own specs.

const root = join(__dirname, '..');
let copy: string;

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 240_000,
  });
}
const node = (script: string, args: string[]) =>
  run(process.execPath, [join(copy, 'node_modules', ...script.split('/')), ...args]);

beforeAll(async () => {
  copy = await makeTempDir('new-service');
  const listed = spawnSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  for (const file of listed.stdout.split('\0').filter((f) => f !== '')) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});

afterAll(async () => {
  await removeTempDir(copy);
});

it('scaffolds a service that compiles, passes lint and its own specs', () => {
  const scaffold = run(process.execPath, [
    '-r',
    './tools/register-typescript.js',
    'tools/new-service.ts',
    'demo-notes',
  ]);
  expect(scaffold.stderr).toBe('');
  expect(scaffold.status).toBe(0);
  const again = run(process.execPath, [
    '-r',
    './tools/register-typescript.js',
    'tools/new-service.ts',
    'demo-notes',
  ]);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('apps/demo-notes exists already');

  const typecheck = node('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
  expect(typecheck.stdout).toBe('');
  const lint = node('eslint/bin/eslint.js', ['apps/demo-notes', 'libs/contracts', 'tools']);
  expect(lint.stdout).toBe('');
  const format = node('prettier/bin/prettier.cjs', [
    '--check',
    'apps/demo-notes',
    'libs/contracts',
    'tools',
    'nest-cli.json',
  ]);
  expect(format.status).toBe(0);
  const specs = node('jest/bin/jest.js', ['apps/demo-notes', '--ci']);
  expect(specs.stderr).toMatch(/Tests:\s+4 passed, 4 total/);
  expect(specs.status).toBe(0);
}, 300_000);
