import {
  actorId,
  type DeepReadonly,
  AggregateNotFoundError,
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  interviewSettingFields,
  localSpan,
  NO_SHOW_PARTIES,
  nullable,
  oneOf,
  PANEL_ROLES,
  schedulingReason,
  sessionTitle,
  timeSpanFields,
  timeZoneName,
  uuid,
} from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import { intervalOf } from '../domain/intervals';
import type { CandidateInterviews, Interview } from '../domain/interview.state';

const STATUSES = ['scheduled', 'confirmed', 'cancelled', 'completed', 'no-show'] as const;
const DaySession = nullable(
  Type.Object({ dayId: uuid(), title: sessionTitle() }, { additionalProperties: false }),
);

/** An interview as the organization sees it: everything the candidate's stream says. */
export const InterviewView = Type.Object(
  {
    candidateId: uuid(),
    interviewId: uuid(),
    ...interviewSettingFields,
    candidateTimeZone: timeZoneName(),
    day: DaySession,
    ...timeSpanFields,
    status: oneOf(STATUSES),
    history: Type.Array(
      Type.Object(
        {
          version: Type.Integer({ minimum: 1 }),
          ...timeSpanFields,
          reason: nullable(schedulingReason()),
        },
        { additionalProperties: false },
      ),
      {
        description: 'Every time the interview has had, oldest first; the last is the current one',
      },
    ),
    cancellationReason: nullable(schedulingReason()),
    noShow: nullable(
      Type.Object(
        { party: oneOf(NO_SHOW_PARTIES), interviewerId: nullable(actorId()) },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'Interview', additionalProperties: false },
);
export type InterviewView = DeepReadonly<Static<typeof InterviewView>>;

/**
 * An interview as the candidate sees it: when (also on their own clock), what,
 * how and where, and the panel's roles; never the panelists' identity-provider
 * ids nor the organization's reasons for moving or cancelling it.
 */
export const CandidateInterviewView = Type.Object(
  {
    candidateId: uuid(),
    interviewId: uuid(),
    kind: oneOf(INTERVIEW_KINDS),
    round: Type.Integer({ minimum: 1 }),
    format: oneOf(INTERVIEW_FORMATS),
    location: interviewSettingFields.location,
    videoLink: interviewSettingFields.videoLink,
    panel: Type.Array(Type.Object({ role: oneOf(PANEL_ROLES) }, { additionalProperties: false })),
    candidateTimeZone: timeZoneName(),
    day: DaySession,
    ...timeSpanFields,
    local: Type.Object(
      {
        date: Type.String({ examples: ['2030-03-04'] }),
        start: Type.String({ examples: ['09:00'] }),
        end: Type.String({ examples: ['10:00'] }),
        utcOffset: Type.String({ examples: ['GMT+01:00'] }),
      },
      { additionalProperties: false, description: "The time on the candidate's own clock" },
    ),
    status: oneOf(STATUSES),
  },
  { title: 'CandidateInterview', additionalProperties: false },
);
export type CandidateInterviewView = DeepReadonly<Static<typeof CandidateInterviewView>>;

/** What `viewer` may see of an interview: the candidate their own view, everyone else all of it. */
export const InterviewViewFor = Type.Union([InterviewView, CandidateInterviewView]);
export type InterviewViewFor = InterviewView | CandidateInterviewView;

/** The interview as the candidate's stream knows it; 404 when it has no such interview. */
export function interviewIn(state: CandidateInterviews, interviewId: string): Interview {
  const interview = state.interviews.get(interviewId);
  if (interview === undefined) {
    throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
  }
  return interview;
}

export function interviewViewFor(
  candidateId: string,
  interview: Interview,
  viewer: ActingPrincipal,
): InterviewViewFor {
  if (viewer.actingRole !== 'candidate') return { ...interview, candidateId };
  const { start, end } = intervalOf(interview);
  return {
    candidateId,
    interviewId: interview.interviewId,
    kind: interview.kind,
    round: interview.round,
    format: interview.format,
    location: interview.location,
    videoLink: interview.videoLink,
    panel: interview.panel.map(({ role }) => ({ role })),
    candidateTimeZone: interview.candidateTimeZone,
    day: interview.day,
    startsAt: interview.startsAt,
    endsAt: interview.endsAt,
    local: localSpan(start, end, interview.candidateTimeZone),
    status: interview.status,
  };
}

/** A candidate's interviews (or one command's outcome on them) at a revision of their stream. */
export type InterviewsAt = Readonly<{ state: CandidateInterviews; revision: bigint | undefined }>;

/** Answers with one interview; the ETag is the candidate stream's revision, for the next If-Match. */
export function replyWithInterview(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: InterviewsAt,
  candidateId: string,
  interviewId: string,
  viewer: ActingPrincipal,
): InterviewViewFor {
  const view = interviewViewFor(candidateId, interviewIn(state, interviewId), viewer);
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  return view;
}

export const InterviewList = Type.Object(
  { interviews: Type.Array(InterviewViewFor) },
  { title: 'InterviewList', additionalProperties: false },
);

/** Every interview of the candidate, earliest first, with the stream's revision as the ETag. */
export function replyWithInterviews(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: InterviewsAt,
  candidateId: string,
  viewer: ActingPrincipal,
): { interviews: InterviewViewFor[] } {
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  const interviews = [...state.interviews.values()]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((interview) => interviewViewFor(candidateId, interview, viewer));
  return { interviews };
}
