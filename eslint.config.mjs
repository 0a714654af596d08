import js from '@eslint/js';
import { dirname, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

/** The app a path lies in (`apps/<name>/…`), or undefined outside apps. */
const appOf = (path) => /[\\/]apps[\\/]([^\\/]+)[\\/]/.exec(`${path}/`)?.[1];

/** An app never imports another app: what apps share lives in libs/. */
const noCrossAppImports = {
  meta: {
    type: 'problem',
    messages: {
      crossApp:
        'apps/{{from}} imports apps/{{to}}: an app never imports another app; share through libs/.',
    },
  },
  create(context) {
    const from = appOf(context.filename);
    if (from === undefined) return {};
    return {
      ImportDeclaration(node) {
        const specifier = node.source.value;
        if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
        const to = appOf(resolve(dirname(context.filename), specifier));
        if (to !== undefined && to !== from) {
          context.report({ node, messageId: 'crossApp', data: { from, to } });
        }
      },
    };
  },
};

const READ_SIDE = {
  group: ['**/*.projection', '**/*.read-model', '**/projections/*'],
  message: 'The write side never imports the read side (projections and read models).',
};

/*
 * The layering, checked on every `npm run lint`:
 * - domain code (deciders, states, events) is pure: no NestJS, no I/O;
 * - the write side (domain, gateways, processes, reactions, handlers) never
 *   imports the read side (projections, read models);
 * - an app never imports another app.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { hirestream: { rules: { 'no-cross-app-imports': noCrossAppImports } } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'hirestream/no-cross-app-imports': 'error',
    },
  },
  {
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'fastify', '@eventstore/*', 'kafkajs', 'pg', 'node:*'],
              message: 'Domain code is pure: no NestJS, no I/O.',
            },
            READ_SIDE,
          ],
        },
      ],
    },
  },
  {
    files: [
      'apps/*/src/**/*.{process,runner,reaction,handler}.ts',
      'apps/*/src/**/*-gateway?(s).ts',
      'libs/event-sourcing/src/{command,process}/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [READ_SIDE] }] },
  },
);
