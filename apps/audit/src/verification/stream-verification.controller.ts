import { EventStoreDBClient } from '@eventstore/db-client';
import { AggregateNotFoundError } from '@hirestream/contracts';
import { StreamNameParams, verifyStream } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { AnchorStore } from '../anchors/anchor-store';
import { AUDITORS } from '../audit-roles';
import { streamVerificationView, StreamVerificationView } from './stream-verification.view';

@ApiTags('audit')
@Controller('streams')
export class StreamVerificationController {
  constructor(
    @Inject(EventStoreDBClient) private readonly client: EventStoreDBClient,
    private readonly anchors: AnchorStore,
  ) {}

  @QueryRoute({
    path: ':streamName/verification',
    operationId: 'verifyStreamChain',
    summary:
      "The stream's hash chain walked as stored: the first break (altered, inserted, removed, reordered, or truncated before its anchored head), if any",
    roles: AUDITORS,
    response: StreamVerificationView,
    problems: [404],
  })
  async verify(
    @ValidParams(StreamNameParams) { streamName }: Static<typeof StreamNameParams>,
  ): Promise<StreamVerificationView> {
    // The anchor first: it then holds no head past the events read after it.
    const anchor = await this.anchors.latestOf(streamName);
    const anchored = anchor?.head;
    const report = await verifyStream(
      this.client,
      streamName,
      anchored === undefined
        ? {}
        : { anchoredHead: { revision: BigInt(anchored.revision), hash: anchored.hash } },
    );
    if (report.events === 0 && anchor === undefined) {
      throw new AggregateNotFoundError(`stream ${streamName} does not exist`);
    }
    return streamVerificationView(report, anchor);
  }
}
