import type { MessageKind } from '../domain/message-kinds';
import type { RenderedMessage } from '../messages/message-templates';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A message to record: rendered, addressed, and keyed by what caused it. */
export type NewOutboxMessage = Readonly<{
  /** `<event id>:<kind>` (or the timer's firing): recording it again records nothing. */
  deliveryKey: string;
  candidateId: string;
  kind: MessageKind;
  /** The event that caused it, or the timer id for a reminder. */
  cause: string;
  recipient: Readonly<{ name: string; email: string }>;
  message: RenderedMessage;
}>;

/** A recorded message and how its delivery stands. */
export type OutboxMessage = NewOutboxMessage &
  Readonly<{
    messageId: string;
    status: DeliveryStatus;
    attempts: number;
    lastError: string | null;
    recordedAt: string;
    nextAttemptAt: string | null;
    sentAt: string | null;
  }>;

/** A pending message due now: `erased` once its candidate's personal data was erased (it is not sent). */
export type DueMessage = OutboxMessage & Readonly<{ erased: boolean }>;
