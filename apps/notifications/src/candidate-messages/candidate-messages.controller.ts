import { uuid } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_KINDS } from '../domain/message-kinds';
import { Outbox } from '../outbox/outbox';
import { DELIVERY_STATUSES } from '../outbox/outbox-message';

const CandidateParams = Type.Object({ id: uuid() }, { additionalProperties: false });
type CandidateParams = Static<typeof CandidateParams>;

const nullableText = () => Type.Union([Type.String(), Type.Null()]);
const nullableInstant = () => Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const MessageView = Type.Object(
  {
    messageId: Type.String({ format: 'uuid' }),
    kind: Type.Union(MESSAGE_KINDS.map((kind) => Type.Literal(kind))),
    cause: Type.String({ description: 'The event (or the reminder timer) the message tells of' }),
    to: Type.String(),
    subject: Type.String(),
    text: Type.String({ description: 'The plain-text body' }),
    attachments: Type.Array(Type.String(), { description: 'File names' }),
    status: Type.Union(DELIVERY_STATUSES.map((status) => Type.Literal(status))),
    attempts: Type.Integer({ minimum: 0 }),
    lastError: nullableText(),
    recordedAt: Type.String({ format: 'date-time' }),
    nextAttemptAt: nullableInstant(),
    sentAt: nullableInstant(),
  },
  { additionalProperties: false },
);

const CandidateMessagesView = Type.Object(
  { candidateId: Type.String({ format: 'uuid' }), messages: Type.Array(MessageView) },
  { additionalProperties: false },
);
type CandidateMessagesView = Static<typeof CandidateMessagesView>;

/** What the candidate was sent, from the outbox: each message and how its delivery stands. */
@ApiTags('notifications')
@Controller('candidates')
export class CandidateMessagesController {
  constructor(private readonly outbox: Outbox) {}

  @QueryRoute({
    path: ':id/notifications',
    operationId: 'listCandidateNotifications',
    summary:
      "The messages recorded for the candidate, oldest first, with their delivery status (pending, sent or failed), attempts and last error; the candidate reads their own (without the relay's errors)",
    roles: ['recruiter', 'admin', 'auditor', 'candidate'],
    candidateScope: 'id',
    response: CandidateMessagesView,
  })
  async list(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateMessagesView> {
    const staff = caller.principal.actingRole !== 'candidate';
    const messages = await this.outbox.forCandidate(id);
    return {
      candidateId: id,
      messages: messages.map((message) => ({
        messageId: message.messageId,
        kind: message.kind,
        cause: message.cause,
        to: message.recipient.email,
        subject: message.message.subject,
        text: message.message.text,
        attachments: message.message.attachments.map(({ filename }) => filename),
        status: message.status,
        attempts: message.attempts,
        lastError: staff ? message.lastError : null,
        recordedAt: message.recordedAt,
        nextAttemptAt: message.nextAttemptAt,
        sentAt: message.sentAt,
      })),
    };
  }
}
