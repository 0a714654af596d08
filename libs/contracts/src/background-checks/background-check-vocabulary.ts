/** What one item of a check verifies; packages (policy data) list which items a check has. */
export const CHECK_ITEM_KINDS = [
  'criminal-record',
  'employment-verification',
  'education-verification',
  'reference-check',
  'identity-verification',
  'motor-vehicle-record',
  'professional-license',
  'credit-history',
] as const;
export type CheckItemKind = (typeof CHECK_ITEM_KINDS)[number];

/** The one kind a recruiter completes by recording a reference's answers; the provider does the rest. */
export const RECRUITER_ITEM_KINDS: ReadonlySet<CheckItemKind> = new Set(['reference-check']);

/** Whether the provider carries out items of this kind (everything but what a recruiter records). */
export function isProviderItemKind(kind: CheckItemKind): boolean {
  return !RECRUITER_ITEM_KINDS.has(kind);
}

/** A final result of one item: `consider` and `suspended` need a recruiter's adjudication. */
export const ITEM_RESULTS = ['clear', 'consider', 'suspended'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** What a verified provider webhook says of one item. */
export const PROVIDER_ITEM_STATUSES = ['in-progress', ...ITEM_RESULTS] as const;
export type ProviderItemStatus = (typeof PROVIDER_ITEM_STATUSES)[number];

/** What a reference's answers amount to, in the recruiter's judgement. */
export const REFERENCE_RESULTS = ['clear', 'consider'] as const;
export type ReferenceResult = (typeof REFERENCE_RESULTS)[number];

/** A completed check: clear when every item is clear (or cancelled), consider otherwise. */
export const CHECK_OUTCOMES = ['clear', 'consider'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** A recruiter's call on an item needing review: go ahead, or begin adverse action. */
export const ADJUDICATIONS = ['engage', 'adverse-action'] as const;
export type Adjudication = (typeof ADJUDICATIONS)[number];

/** How a dispute ends: the report was corrected (engage), or the finding stands (the window resumes). */
export const DISPUTE_RESOLUTIONS = ['corrected', 'upheld'] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

/** Why a check stopped before its end. */
export const CHECK_CANCELLATION_REASONS = [
  'candidacy-closed',
  'consent-declined',
  'consent-withdrawn',
  'recruiter-cancelled',
] as const;
export type CheckCancellationReason = (typeof CHECK_CANCELLATION_REASONS)[number];
