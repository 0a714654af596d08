import {
  CounterProposal,
  DECLINE_CATEGORIES,
  DraftedTerms,
  identifier,
  multiLineText,
  nullable,
  offerAcceptedContract,
  offerReasonText,
  offerVersion,
  oneOf,
  actorId,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/*
 * The request bodies of the offer commands, built from the events' field
 * rules, so an API accepts exactly what its events may carry. Commands on a
 * version name it: acting on a version superseded meanwhile is refused.
 */

const body = <P extends Parameters<typeof Type.Object>[0]>(title: string, properties: P) =>
  Type.Object(properties, { title, additionalProperties: false });

export const DraftOfferBody = body('DraftOffer', DraftedTerms.properties);
export type DraftOfferBody = Static<typeof DraftOfferBody>;

export const ApproveOfferBody = body('ApproveOffer', {
  version: offerVersion(),
  note: Type.Optional(nullable(offerReasonText())),
});
export type ApproveOfferBody = Static<typeof ApproveOfferBody>;

export const RejectOfferApprovalBody = body('RejectOfferApproval', {
  version: offerVersion(),
  reason: offerReasonText(),
});
export type RejectOfferApprovalBody = Static<typeof RejectOfferApprovalBody>;

export const DelegateOfferApprovalBody = body('DelegateOfferApproval', {
  version: offerVersion(),
  stepId: identifier(),
  toApproverId: actorId(),
  reason: offerReasonText(),
});
export type DelegateOfferApprovalBody = Static<typeof DelegateOfferApprovalBody>;

export const ExtendOfferBody = body('ExtendOffer', { version: offerVersion() });
export type ExtendOfferBody = Static<typeof ExtendOfferBody>;

export const AcceptOfferBody = body('AcceptOffer', {
  version: offerVersion(),
  signedName: offerAcceptedContract.schema.properties.signedName,
});
export type AcceptOfferBody = Static<typeof AcceptOfferBody>;

export const DeclineOfferBody = body('DeclineOffer', {
  version: offerVersion(),
  category: oneOf(DECLINE_CATEGORIES),
  reason: multiLineText(5_000),
});
export type DeclineOfferBody = Static<typeof DeclineOfferBody>;

export const CounterOfferBody = body('CounterOffer', {
  version: offerVersion(),
  proposals: Type.Array(CounterProposal, { minItems: 1, maxItems: 10 }),
  message: multiLineText(5_000),
});
export type CounterOfferBody = Static<typeof CounterOfferBody>;

export const RescindOfferBody = body('RescindOffer', { reason: offerReasonText() });
export type RescindOfferBody = Static<typeof RescindOfferBody>;

export const RecordContingencyMetBody = body('RecordContingencyMet', {
  kind: identifier(),
  note: offerReasonText(),
});
export type RecordContingencyMetBody = Static<typeof RecordContingencyMetBody>;
