import { ReadResp, SubscriptionInfo } from '@eventstore/db-client/generated/persistent_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { positionText, sourceName, startFromText } from '../persistent/group-settings';
import type { GroupInfo } from '../persistent/persistent-subscription-service';
import { originalSeqOf, type StoreGroupEvent } from '../persistent/store-group-io';
import {
  recordCustomMetadata,
  recordData,
  recordIdText,
  recordRevision,
  recordStream,
  recordType,
} from '../persistent/stored-events';
import type { EventStore } from '../store/event-store';
import type { UuidFormat } from './event-encoding';

function recordedEvent(
  store: EventStore,
  seq: number,
  uuidFormat: UuidFormat,
): ReadResp.ReadEvent.RecordedEvent {
  const record = store.recordAt(seq);
  const id = new UUID();
  if (uuidFormat === 'structured') {
    const bytes = record.buffer.subarray(record.fields.id, record.fields.id + 16);
    id.setStructured(
      new UUID.Structured()
        .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
        .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
    );
  } else {
    id.setString(recordIdText(record));
  }
  const position = String(record.position);
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(id)
    .setStreamIdentifier(
      new StreamIdentifier().setStreamName(Buffer.from(recordStream(record), 'utf8')),
    )
    .setStreamRevision(recordRevision(record).toString())
    .setPreparePosition(position)
    .setCommitPosition(position)
    .setData(Uint8Array.from(recordData(record)))
    .setCustomMetadata(Uint8Array.from(recordCustomMetadata(record)));
  const contentType = record.buffer.toString(
    'utf8',
    record.fields.contentTypeStart,
    record.fields.dataStart,
  );
  recorded
    .getMetadataMap()
    .set('type', recordType(record))
    .set('content-type', contentType)
    .set('created', record.buffer.readBigInt64LE(record.fields.created).toString());
  return recorded;
}

/** A message as a consumer receives it: the event, the link it came through, its position and retry count. */
export function persistentEventResponse(
  store: EventStore,
  event: StoreGroupEvent,
  retryCount: number,
  uuidFormat: UuidFormat,
): ReadResp {
  const readEvent = new ReadResp.ReadEvent().setRetryCount(retryCount);
  const { seq, linkSeq } = event.ref;
  if (seq !== undefined) readEvent.setEvent(recordedEvent(store, seq, uuidFormat));
  if (linkSeq !== undefined) readEvent.setLink(recordedEvent(store, linkSeq, uuidFormat));
  // The position is the original one: the link's when there is a link.
  readEvent.setCommitPosition(store.positionOf(originalSeqOf(event.ref)).toString());
  return new ReadResp().setEvent(readEvent);
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  return new ReadResp().setSubscriptionConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId),
  );
}

export function subscriptionInfoOf(info: GroupInfo): SubscriptionInfo {
  const { definition, stats } = info;
  const { source, settings } = definition;
  const connections = stats.connections.map((connection) =>
    new SubscriptionInfo.ConnectionInfo()
      .setFrom(connection.from)
      .setUsername(connection.username)
      .setConnectionName(connection.connectionName)
      .setAverageItemsPerSecond(connection.averageItemsPerSecond)
      .setTotalItems(String(connection.totalItems))
      .setCountSinceLastMeasurement(String(connection.countSinceLastMeasurement))
      .setAvailableSlots(connection.availableSlots)
      .setInFlightMessages(connection.inFlightMessages)
      .setObservedMeasurementsList(
        connection.measurements.map((measurement) =>
          new SubscriptionInfo.Measurement()
            .setKey(measurement.key)
            .setValue(String(measurement.value)),
        ),
      ),
  );
  const position = (value: bigint | undefined): string =>
    value === undefined ? '' : positionText(source, value);
  return new SubscriptionInfo()
    .setEventSource(sourceName(source))
    .setGroupName(definition.groupName)
    .setStatus(stats.status)
    .setConnectionsList(connections)
    .setAveragePerSecond(stats.averagePerSecond)
    .setTotalItems(String(stats.totalItems))
    .setCountSinceLastMeasurement(String(stats.countSinceLastMeasurement))
    .setLastCheckpointedEventPosition(position(stats.lastCheckpointedPosition))
    .setLastKnownEventPosition(position(stats.lastKnownEventPosition))
    .setResolveLinkTos(settings.resolveLinkTos)
    .setStartFrom(startFromText(source, settings.startFrom))
    .setMessageTimeoutMilliseconds(settings.messageTimeoutMs)
    .setExtraStatistics(settings.extraStatistics)
    .setMaxRetryCount(settings.maxRetryCount)
    .setLiveBufferSize(settings.liveBufferSize)
    .setBufferSize(settings.historyBufferSize)
    .setReadBatchSize(settings.readBatchSize)
    .setCheckPointAfterMilliseconds(settings.checkPointAfterMs)
    .setMinCheckPointCount(settings.minCheckPointCount)
    .setMaxCheckPointCount(settings.maxCheckPointCount)
    .setReadBufferCount(stats.readBufferCount)
    .setLiveBufferCount('0')
    .setRetryBufferCount(stats.retryBufferCount)
    .setTotalInFlightMessages(stats.totalInFlightMessages)
    .setOutstandingMessagesCount(stats.outstandingMessagesCount)
    .setNamedConsumerStrategy(settings.consumerStrategy)
    .setMaxSubscriberCount(settings.maxSubscriberCount)
    .setParkedMessageCount(String(info.parkedMessageCount));
}

export const EMPTY = new Empty();
