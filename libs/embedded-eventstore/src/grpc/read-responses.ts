import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../store/store-types';
import { bytesToUuid } from '../store/uuid-bytes';

export type UuidFormat = 'string' | 'structured';

function uuidMessage(id: Buffer, format: UuidFormat): UUID {
  const uuid = new UUID();
  if (format === 'string') return uuid.setString(bytesToUuid(id));
  const structured = new UUID.Structured();
  structured.setMostSignificantBits(BigInt.asIntN(64, id.readBigUInt64BE(0)).toString());
  structured.setLeastSignificantBits(BigInt.asIntN(64, id.readBigUInt64BE(8)).toString());
  return uuid.setStructured(structured);
}

export function eventResponse(event: RecordedEvent, uuidFormat: UuidFormat): ReadResp {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.id, uuidFormat));
  recorded.setStreamIdentifier(
    new StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')),
  );
  recorded.setStreamRevision(event.revision.toString());
  recorded.setPreparePosition(position);
  recorded.setCommitPosition(position);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.createdTicks.toString());
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(position);
  return new ReadResp().setEvent(readEvent);
}

export function streamNotFoundResponse(streamName: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(
    new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8')),
  );
  return new ReadResp().setStreamNotFound(notFound);
}

export function confirmationResponse(): ReadResp {
  return new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
  );
}

export function caughtUpResponse(): ReadResp {
  return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
}

export function checkpointResponse(position: bigint): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString());
  checkpoint.setPreparePosition(position.toString());
  return new ReadResp().setCheckpoint(checkpoint);
}
