import { AggregateNotFoundError } from '@hirestream/contracts';
import { StreamNameParams } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { AUDITORS } from '../audit-roles';
import { AnchorStore } from './anchor-store';
import { PublicKeyView, StreamAnchorView } from './anchors.view';
import { SigningKey } from './signing-key';

@ApiTags('audit')
@Controller()
export class AnchorsController {
  constructor(
    private readonly store: AnchorStore,
    @Inject(SigningKey) private readonly key: SigningKey,
  ) {}

  @QueryRoute({
    path: 'streams/:streamName/anchor',
    operationId: 'getStreamAnchor',
    summary: "The stream's latest anchored head, with its Merkle proof and the anchor's signature",
    roles: AUDITORS,
    response: StreamAnchorView,
    problems: [404],
  })
  async anchor(
    @ValidParams(StreamNameParams) { streamName }: Static<typeof StreamNameParams>,
  ): Promise<StreamAnchorView> {
    const anchor = await this.store.latestOf(streamName);
    if (anchor === undefined) {
      throw new AggregateNotFoundError(`no anchor holds a head of ${streamName} yet`);
    }
    return anchor;
  }

  @QueryRoute({
    path: 'anchors/public-key',
    operationId: 'getAnchorPublicKey',
    summary: 'The Ed25519 public key anchors and export manifests are signed with',
    roles: AUDITORS,
    response: PublicKeyView,
  })
  publicKey(): PublicKeyView {
    return { algorithm: 'Ed25519', ...this.key.publicKey };
  }
}
