import { AggregateNotFoundError } from '@hirestream/contracts';
import { StreamNameParams } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams, ValidQuery } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { AUDITORS } from '../audit-roles';
import { AnchorStore } from './anchor-store';
import {
  AnchoredHeadsQuery,
  AnchoredHeadsView,
  PublicKeyView,
  StreamAnchorView,
} from './anchors.view';
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
    path: 'anchors/heads',
    operationId: 'listAnchoredHeads',
    summary:
      "Every stream's latest anchored head with its Merkle proof and the anchors that signed them, a page at a time (`next` is the next page's `after`)",
    roles: AUDITORS,
    response: AnchoredHeadsView,
  })
  async heads(
    @ValidQuery(AnchoredHeadsQuery) { after, limit }: AnchoredHeadsQuery,
  ): Promise<AnchoredHeadsView> {
    const [sequence, leafIndex] = after?.split('.') ?? [];
    const page = await this.store.latestHeads(
      after === undefined
        ? undefined
        : { sequence: BigInt(sequence), leafIndex: Number(leafIndex) },
      limit,
    );
    return {
      anchors: page.anchors,
      heads: page.heads,
      next: page.last === undefined ? null : `${page.last.sequence}.${page.last.leafIndex}`,
    };
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
