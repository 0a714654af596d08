import { Parser } from '@asyncapi/parser';
import {
  AUDIT_ANCHORS_TOPIC,
  hirestreamEventCatalog,
  serviceEventsTopic,
} from '@hirestream/contracts';
import { serviceNames } from '@hirestream/testing';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { TOPIC_SUBSCRIPTIONS } from '../tools/topic-subscriptions';

// The AsyncAPI document `npm run asyncapi` prints: valid AsyncAPI (checked by
// @asyncapi/parser), covering every service's topic and every consumer group's
// subscriptions and dead-letter topics as the services' consumers really
// subscribe, and every event type in it produced by at least one test.

const root = resolve(__dirname, '..');

function printedDocument(): Promise<string> {
  return new Promise((resolvePrinted, reject) => {
    execFile(
      process.execPath,
      ['-r', './tools/register-typescript.js', 'tools/asyncapi.ts'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolvePrinted(stdout)),
    );
  });
}

type Document = {
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { messages: Record<string, unknown> };
};

let printed: string;
let document: Document;
beforeAll(async () => {
  printed = await printedDocument();
  document = JSON.parse(printed) as Document;
});

/** Every tracked file matching the patterns, from the repository's root. */
const trackedFiles = (...patterns: string[]): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...patterns], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);

/** The topics each app's Kafka consumers subscribe to (their `@EventPattern`s), by app. */
async function subscribedTopics(): Promise<Map<string, Set<string>>> {
  const topics = new Map<string, Set<string>>();
  for (const file of trackedFiles('apps/*.consumer.ts')) {
    const app = file.split('/')[1];
    const exported = (await import(join(root, file))) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function') continue;
      const prototype = (value as { prototype: Record<string, unknown> }).prototype;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, prototype[name] as object);
        for (const pattern of Array.isArray(patterns) ? patterns : []) {
          topics.set(app, (topics.get(app) ?? new Set()).add(String(pattern)));
        }
      }
    }
  }
  return topics;
}

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3, as @asyncapi/parser reads it', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(printed);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(
      errors.map(({ code, message, path }) => `${code} at ${path.join('.')}: ${message}`),
    ).toEqual([]);
    // Every event, and the audit service's anchors.
    expect(parsed?.messages().length).toBe(hirestreamEventCatalog.contracts.length + 1);
  });

  it('refuses what is not valid, so the check above can fail', async () => {
    const broken = JSON.parse(printed) as Document;
    broken.operations['publish-candidates-events'].channel = { $ref: '#/channels/nowhere' };
    const { document: parsed, diagnostics } = await new Parser().parse(broken as never);
    expect(parsed).toBeUndefined();
    expect(diagnostics.some((diagnostic) => diagnostic.severity === 0)).toBe(true);
  });

  it("has every event-owning service's topic with every event it owns", () => {
    const owners = [...new Set(hirestreamEventCatalog.contracts.map(({ owner }) => owner))];
    for (const owner of owners) {
      expect(serviceNames()).toContain(owner);
      expect(document.channels[owner].address).toBe(serviceEventsTopic(owner));
      expect(Object.keys(document.channels[owner].messages).sort()).toEqual(
        hirestreamEventCatalog.typesOwnedBy(owner).sort(),
      );
    }
  });

  it("has each consumer group's receive and dead-letter topic for exactly the topics the service's consumers subscribe to", async () => {
    const subscribed = await subscribedTopics();
    const documented = new Map(
      TOPIC_SUBSCRIPTIONS.map(({ group, owners }) => [
        group,
        new Set(owners.map((owner) => serviceEventsTopic(owner))),
      ]),
    );
    expect([...documented.keys()].sort()).toEqual([...subscribed.keys()].sort());
    for (const [group, topics] of subscribed) {
      expect([group, [...(documented.get(group) ?? [])].sort()]).toEqual([
        group,
        [...topics].sort(),
      ]);
      for (const topic of topics) {
        const owner = topic.split('.')[1];
        expect(document.operations[`${group}-consumes-${owner}-events`]).toMatchObject({
          action: 'receive',
          channel: { $ref: `#/channels/${owner}` },
        });
        const deadLetters = document.channels[`${owner}-${group}-dead-letter`];
        expect(deadLetters.address).toBe(`${topic}.${group}.dead-letter`);
      }
    }
  });

  it('names only event types some test produces', () => {
    const unproduced = Object.keys(document.components.messages).filter(
      (type) =>
        hirestreamEventCatalog.contractOf(type) !== undefined && !producedEventTypes().has(type),
    );
    expect(unproduced).toEqual([]);
  });

  it("has the audit service's anchors topic (apps/audit/test checks what it publishes there)", () => {
    expect(document.channels['audit-anchors']).toEqual({
      address: AUDIT_ANCHORS_TOPIC,
      description: expect.any(String),
      messages: { AuditAnchor: { $ref: '#/components/messages/AuditAnchor' } },
    });
    expect(document.operations['publish-audit-anchors']).toEqual({
      action: 'send',
      channel: { $ref: '#/channels/audit-anchors' },
    });
  });
});

/*
 * An event type counts as produced by a test when a spec under apps/ or libs/
 * (unit or integration) asserts that something produced it: the type's name,
 * as a string, is part of what a decider or process specification expects
 * (`.then(…)`) or of what an `expect(…)` matcher is given (`.toEqual(…)`,
 * `.toMatchObject(…)`, …) — written there, or in what that expression names: a
 * declaration in the same file, or a member of a test helper it imports (a
 * file under a `test/` folder, such as test/support's stream facts; production
 * code is never followed, so a decider cannot vouch for itself). A type that
 * specs only feed in as input (`given(…)`, an appended fact), or never
 * mention, does not count.
 */
let produced: Set<string> | undefined;
function producedEventTypes(): Set<string> {
  if (produced !== undefined) return produced;
  const types = new Set(hirestreamEventCatalog.contracts.map(({ type }) => type));
  const found = new Set<string>();
  const sources = new Map<string, ts.SourceFile>();
  const sourceOf = (file: string): ts.SourceFile | undefined => {
    if (!sources.has(file)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      sources.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
    }
    return sources.get(file);
  };
  const aliases = (
    JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    }
  ).compilerOptions.paths;
  /** A test helper's file (under a `test/` folder): production code is never followed. */
  const moduleFile = (from: string, specifier: string): string | undefined => {
    const target = specifier.startsWith('.')
      ? resolve(dirname(from), `${specifier}.ts`)
      : aliases[specifier] === undefined
        ? undefined
        : join(root, aliases[specifier][0]);
    return target?.includes('/test/') ? target : undefined;
  };

  function declarationsIn(source: ts.SourceFile) {
    const locals = new Map<string, ts.Node>();
    const imported = new Map<string, string>();
    const members = new Map<string, ts.Node[]>();
    const visit = (node: ts.Node): void => {
      if (
        (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node)) &&
        node.name &&
        ts.isIdentifier(node.name)
      ) {
        locals.set(node.name.text, node);
      }
      if (
        (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) &&
        ts.isIdentifier(node.name)
      ) {
        members.set(node.name.text, [...(members.get(node.name.text) ?? []), node]);
      }
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const file = moduleFile(source.fileName, node.moduleSpecifier.text);
        const bindings = node.importClause?.namedBindings;
        if (file !== undefined && bindings !== undefined && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) imported.set(element.name.text, file);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return { locals, imported, members };
  }
  const declarations = new Map<ts.SourceFile, ReturnType<typeof declarationsIn>>();
  const declared = (source: ts.SourceFile) => {
    if (!declarations.has(source)) declarations.set(source, declarationsIn(source));
    return declarations.get(source)!;
  };

  /** Every event type named in `node` or in what it refers to, following names across files. */
  function collect(node: ts.Node, seen: Set<ts.Node>): void {
    if (seen.has(node)) return;
    seen.add(node);
    const source = node.getSourceFile();
    if (ts.isStringLiteralLike(node) && types.has(node.text)) found.add(node.text);
    if (ts.isIdentifier(node)) {
      const { locals, imported } = declared(source);
      const local = locals.get(node.text);
      if (local !== undefined && local !== node.parent) collect(local, seen);
      const file = imported.get(node.text);
      const target = file === undefined ? undefined : sourceOf(file);
      const exported = target === undefined ? undefined : declared(target).locals.get(node.text);
      if (exported !== undefined) collect(exported, seen);
    }
    if (ts.isPropertyAccessExpression(node)) {
      for (const file of new Set([source.fileName, ...declared(source).imported.values()])) {
        const target = sourceOf(file);
        for (const member of target === undefined
          ? []
          : (declared(target).members.get(node.name.text) ?? [])) {
          collect(member, seen);
        }
      }
    }
    ts.forEachChild(node, (child) => collect(child, seen));
  }

  const isExpectation = (call: ts.CallExpression): boolean => {
    let target: ts.Expression = call.expression;
    while (ts.isPropertyAccessExpression(target) || ts.isCallExpression(target)) {
      target = ts.isPropertyAccessExpression(target) ? target.expression : target.expression;
      if (ts.isIdentifier(target) && target.text === 'expect') return call.expression !== target;
    }
    return false;
  };
  for (const file of trackedFiles(
    'apps/*.spec.ts',
    'apps/*.int-spec.ts',
    'libs/*.spec.ts',
    'libs/*.int-spec.ts',
  )) {
    const source = sourceOf(join(root, file));
    if (source === undefined) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        (node.expression.name.text === 'then' || isExpectation(node))
      ) {
        for (const argument of node.arguments) collect(argument, new Set());
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  produced = found;
  return found;
}
