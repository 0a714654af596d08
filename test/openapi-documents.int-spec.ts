import { validate } from '@readme/openapi-parser';
import { serviceNames, useServiceApps } from '@hirestream/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

// Every service's OpenAPI document: valid OpenAPI 3.1, every operation named
// and fully described, and good enough for a generated client to type both
// its success bodies and its problems. (Each service's own specs check every
// real response against the document; see test/support/openapi-responses.ts.)

const services = serviceNames();
const apps = useServiceApps(Object.fromEntries(services.map((name) => [name, {}])));

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown> };
};

async function documentOf(service: string): Promise<Document> {
  const response = await apps[service].inject({ method: 'GET', url: '/docs-json' });
  return response.json<Document>();
}

/**
 * The TypeScript types openapi-typescript (a client generator) writes for the
 * document; in a child process, as the generator is an ES module jest cannot load.
 * Asynchronously: the embedded servers share this process and must keep answering.
 */
function generatedTypes(document: Document): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [
        '-e',
        `const { default: generate, astToString } = require('openapi-typescript');
       let input = '';
       process.stdin.on('data', (chunk) => (input += chunk));
       process.stdin.on('end', async () =>
         process.stdout.write(astToString(await generate(JSON.parse(input)))));`,
      ],
      { cwd: join(__dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

/** Whether `source` (importing the generated types as ./api) type-checks; the diagnostics if not. */
function typeCheck(generated: string, source: string): string[] {
  const files = new Map([
    ['/api.ts', generated],
    ['/client.ts', source],
  ]);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    // Only the two files: no ambient @types from node_modules.
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, version) => {
    const text = files.get(name) ?? readFile(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram(['/client.ts'], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe.each(services)('the %s OpenAPI document', (service) => {
  it('is valid OpenAPI 3.1', async () => {
    const document = await documentOf(service);
    await expect(validate(structuredClone(document) as never)).resolves.toMatchObject({
      valid: true,
    });
  });

  it('names every operation, documents its success body and its problems, and secures all but health', async () => {
    const document = await documentOf(service);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, operationId: operation.operationId }).toEqual({
          where,
          operationId: expect.stringMatching(/^[a-z][A-Za-z]+$/),
        });
        operationIds.add(operation.operationId!);
        const success = Object.entries(operation.responses).find(([status]) => status < '300');
        // JSON, or a file (an export bundle) described as binary.
        const [body] = Object.values(success?.[1].content ?? {});
        expect({ where, body: body?.schema }).toEqual({
          where,
          body: expect.anything(),
        });
        if (path.startsWith('/health/')) {
          expect(operation.security).toBeUndefined();
          continue;
        }
        // A webhook is signed by its sender instead (an API key scheme naming the signature header).
        const signed = operation.security?.some((scheme) => 'webhookSignature' in scheme) === true;
        expect({ where, security: operation.security }).toEqual({
          where,
          security: [signed ? { webhookSignature: [] } : { bearer: [] }],
        });
        if (signed) {
          expect(document.components?.securitySchemes?.webhookSignature).toMatchObject({
            type: 'apiKey',
            in: 'header',
            name: expect.any(String),
          });
        }
        for (const status of signed ? ['400', '401'] : ['400', '401', '403']) {
          expect({ where, status, problem: operation.responses[status]?.content }).toEqual({
            where,
            status,
            problem: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          });
        }
      }
    }
    expect(operationIds.size).toBe(
      Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0),
    );
  });
});

describe('a client generated from the documents', () => {
  it('types the success bodies and the problems, and refuses what the API does not have', async () => {
    const generated = await generatedTypes(await documentOf('candidates'));
    const client = `
      import type { paths } from './api';
      type Register = paths['/candidates']['post'];
      type Created = Register['responses'][201]['content']['application/json'];
      type Refused = Register['responses'][409]['content']['application/problem+json'];
      type Invalid = Register['responses'][400]['content']['application/problem+json'];
      export const id: string = ({} as Created).id;
      export const stage: 'applied' | 'screening' | 'interviewing' | 'background-check' | 'offer' | 'hired' | 'rejected' | 'withdrawn' = ({} as Created).stage;
      export const rule: string | undefined = ({} as Refused).rule;
      export const field: string | undefined = ({} as Invalid).errors?.[0]?.field;
    `;
    expect(typeCheck(generated, client)).toEqual([]);
    expect(
      typeCheck(generated, `${client}\nexport const salary: number = ({} as Created).salary;`),
    ).toEqual([expect.stringContaining("Property 'salary' does not exist")]);
  });
});
