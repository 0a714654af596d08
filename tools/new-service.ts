import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SERVICES } from './services';
import { TYPESCRIPT_NODE_ARGS } from './typescript-runtime';

// `npm run new-service -- <name>`: a working service from tools/service-template,
// registered where a service must be (contracts, the event catalog, npm start,
// nest-cli.json, docker-compose.yml and deploy/). See docs/adding-a-service.md
// for what to do next.

const root = resolve(__dirname, '..');
const templateRoot = join(__dirname, 'service-template');
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function fail(message: string): never {
  console.error(`new-service: ${message}`);
  process.exit(1);
}

const name = process.argv[2];
if (name === undefined || !NAME.test(name)) {
  fail('usage: npm run new-service -- <name>  (kebab-case, e.g. background-checks)');
}
if (existsSync(join(root, 'apps', name))) fail(`apps/${name} exists already`);

const pascal = name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) =>
  letter.toUpperCase(),
);
const camel = pascal[0].toLowerCase() + pascal.slice(1);
const port = Math.max(...SERVICES.map((service) => service.port)) + 1;
const substitute = (text: string): string =>
  text
    .replaceAll('__serviceCamel__', camel)
    .replaceAll('__Service__', pascal)
    .replaceAll('__service__', name)
    .replaceAll('__port__', String(port));

function templateFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : [path];
  });
}

const written: string[] = [];
for (const template of templateFiles(templateRoot)) {
  const target = join(root, substitute(relative(templateRoot, template)).replace(/\.tpl$/, ''));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, substitute(readFileSync(template, 'utf8')));
  written.push(target);
}

/** Inserts `addition` before the last occurrence of `before` in the file. */
function insertBefore(path: string, before: string, addition: string): void {
  const text = readFileSync(path, 'utf8');
  const at = text.lastIndexOf(before);
  if (at === -1)
    fail(`${relative(root, path)} no longer has "${before}"; register ${name} by hand`);
  writeFileSync(path, text.slice(0, at) + addition + text.slice(at));
  written.push(path);
}

const contracts = join(root, 'libs', 'contracts', 'src');
writeFileSync(
  join(contracts, 'index.ts'),
  `${readFileSync(join(contracts, 'index.ts'), 'utf8')}\nexport * from './${name}/${name}-contracts';\n`,
);
written.push(join(contracts, 'index.ts'));
insertBefore(
  join(contracts, 'event-catalog.ts'),
  '/** Every hirestream event contract',
  `import { ${camel}EventContracts } from './${name}/${name}-contracts';\n`,
);
insertBefore(join(contracts, 'event-catalog.ts'), ']);', `  ...${camel}EventContracts,\n`);
insertBefore(
  join(root, 'tools', 'services.ts'),
  '] as const;',
  `  { name: '${name}', entry: 'apps/${name}/src/main.ts', port: ${port} },\n`,
);
const nestCli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
  projects: Record<string, unknown>;
};
nestCli.projects[name] = {
  type: 'application',
  root: `apps/${name}`,
  entryFile: 'main',
  sourceRoot: `apps/${name}/src`,
  compilerOptions: { tsConfigPath: 'tsconfig.json' },
};
writeFileSync(join(root, 'nest-cli.json'), `${JSON.stringify(nestCli, null, 2)}\n`);
written.push(join(root, 'nest-cli.json'));

execFileSync(
  process.execPath,
  [require.resolve('prettier/bin/prettier.cjs'), '--write', ...written],
  {
    cwd: root,
    stdio: 'ignore',
  },
);

// Its compose entries and Kubernetes objects, from tools/services.ts as it is now.
execFileSync(
  process.execPath,
  [...TYPESCRIPT_NODE_ARGS, join(root, 'tools', 'deployment-files.ts')],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

console.log(
  [
    `The ${name} service is in apps/${name} (port ${port}), with its events in libs/contracts/src/${name}/.`,
    'It starts with npm start, and has an example command (notes on a candidacy) with its',
    `decider spec and HTTP spec: npx jest apps/${name}`,
    'Next: docs/adding-a-service.md.',
  ].join('\n'),
);
