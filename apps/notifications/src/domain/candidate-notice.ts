import type { CalendarInvite } from './calendar-invite';
import type { MessageKind } from './message-kinds';
import type { TemplateView } from './template-view';

/** A message decided for a candidate, before it is rendered: what to say, to whom, in which words. */
export type CandidateNotice = Readonly<{
  kind: MessageKind;
  candidateId: string;
  recipient: Readonly<{ name: string; email: string }>;
  locale: string;
  timeZone: string;
  view: TemplateView;
  calendar: CalendarInvite | null;
}>;

/** What a notice is decided with besides the candidate's facts. */
export type NoticeSettings = Readonly<{
  /** The locale of candidates who gave none (the candidate stream records none yet). */
  locale: string;
  /** The zone of candidates the scheduling service has not been given one for yet. */
  timeZone: string;
  /** The sender's address: the invitations' organizer. */
  organizer: string;
}>;
