import { AnchorMessage, AUDIT_ANCHORS_TOPIC_DOCUMENT } from '../audit/anchor-message';
import { hirestreamEventCatalog } from '../event-catalog';
import { asyncApiDocument } from './asyncapi-document';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument(hirestreamEventCatalog, '1.2.3') as {
    asyncapi: string;
    info: { version: string };
    channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    components: {
      messages: Record<
        string,
        { title: string; payload: unknown; headers: { required: string[] } }
      >;
    };
  };

  it('has one channel per owning service, on its topic, listing the events it owns', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.channels.candidates.address).toBe('hirestream.candidates.events');
    expect(Object.keys(document.channels.candidates.messages).sort()).toEqual(
      hirestreamEventCatalog.typesOwnedBy('candidates').sort(),
    );
  });

  it('describes every event with its CloudEvents type, headers and the JSON schema of its data', () => {
    for (const contract of hirestreamEventCatalog.contracts) {
      const message = document.components.messages[contract.type];
      expect(message.title).toBe(
        `hirestream.${contract.owner}.${contract.type}.v${contract.schemaVersion}`,
      );
      if (contract.personalData === undefined) expect(message.payload).toEqual(contract.schema);
      expect(message.headers.required).toEqual(
        expect.arrayContaining(['ce_id', 'ce_type', 'ce_correlationid']),
      );
    }
  });

  it('describes personal fields as they travel, sealed, and the header naming their keys', () => {
    const sealed = { $ref: '#/components/schemas/SealedPersonalValue' };
    const registered = document.components.messages.CandidateRegistered as unknown as {
      payload: { properties: Record<string, unknown>; required: string[] };
      headers: { required: string[]; properties: Record<string, unknown> };
    };
    const { properties } = registered.payload;
    expect(properties.fullName).toMatchObject(sealed);
    expect(properties.email).toMatchObject(sealed);
    expect(properties.phone).toMatchObject({ oneOf: [sealed, { type: 'null' }] });
    expect(properties.candidateId).toEqual(
      hirestreamEventCatalog.contractOf('CandidateRegistered')!.schema.properties.candidateId,
    );
    expect(registered.headers.properties).toHaveProperty('ce_datakeyids');
    expect(registered.headers.required).not.toContain('ce_datakeyids');
    expect(
      (document.components as unknown as { schemas: Record<string, { required: string[] }> })
        .schemas.SealedPersonalValue.required,
    ).toEqual(['$enc', 'kid', 'iv', 'ct', 'tag']);
  });

  it('documents the topics published besides the events, with their message', () => {
    const withAnchors = asyncApiDocument(
      hirestreamEventCatalog,
      '1.2.3',
      [],
      [AUDIT_ANCHORS_TOPIC_DOCUMENT],
    ) as typeof document;
    expect(withAnchors.channels['audit-anchors'].address).toBe('hirestream.audit.anchors');
    expect(withAnchors.components.messages.AuditAnchor).toMatchObject({
      title: 'hirestream.audit.AnchorSigned.v1',
      payload: AnchorMessage,
      headers: { required: expect.arrayContaining(['ce_id', 'ce_type']) },
    });
  });

  it("documents each consumer group's receive and dead-letter topic, and refuses a group consuming a topic nobody owns", () => {
    const subscribed = asyncApiDocument(hirestreamEventCatalog, '1.2.3', [
      { group: 'scheduling', owners: ['candidates'] },
    ]) as typeof document & {
      operations: Record<string, { action: string; channel: { $ref: string } }>;
    };
    expect(subscribed.channels['candidates-scheduling-dead-letter'].address).toBe(
      'hirestream.candidates.events.scheduling.dead-letter',
    );
    expect(subscribed.operations['scheduling-consumes-candidates-events']).toMatchObject({
      action: 'receive',
      channel: { $ref: '#/channels/candidates' },
    });
    expect(() =>
      asyncApiDocument(hirestreamEventCatalog, '1.2.3', [{ group: 'x', owners: ['nobody'] }]),
    ).toThrow('group x consumes nobody, which owns no events');
  });
});
