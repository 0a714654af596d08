import {
  backgroundCheckItemResultedContract,
  identifier,
  nullable,
  oneOf,
  PROVIDER_ITEM_STATUSES,
  singleLineText,
  utcInstant,
  uuid,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const resulted = backgroundCheckItemResultedContract.schema.properties;

/**
 * A delivery of the screening provider's webhook (`ResultDelivery` of
 * `@hirestream/embedded-screening-provider`): news of one item.
 */
export const ScreeningResultBody = Type.Object(
  {
    deliveryId: resulted.deliveryId,
    orderId: singleLineText(200),
    metadata: Type.Object(
      { candidateId: uuid(), checkId: uuid() },
      { additionalProperties: false },
    ),
    itemId: identifier(),
    itemReference: singleLineText(200),
    status: oneOf(PROVIDER_ITEM_STATUSES),
    summary: nullable(resulted.summary),
    reportReference: nullable(resulted.reportReference),
    occurredAt: utcInstant(),
  },
  { title: 'ScreeningResultDelivery', additionalProperties: false },
);
export type ScreeningResultBody = Static<typeof ScreeningResultBody>;

/** What the service did with a delivery it took. */
export const ScreeningResultReceipt = Type.Object(
  {
    deliveryId: resulted.deliveryId,
    /** The events the delivery led to (none: it told nothing new, e.g. a second in-progress). */
    recorded: Type.Array(Type.String()),
  },
  { title: 'ScreeningResultReceipt', additionalProperties: false },
);
export type ScreeningResultReceipt = Static<typeof ScreeningResultReceipt>;
