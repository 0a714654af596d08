import { candidateStreamName, timeZoneName, uuid } from '@hirestream/contracts';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { agendaText, interviewDayAgenda } from '../domain/interview-day-agenda';
import { InterviewDayParams } from '../interviews/interview.params';
import { STAFF_READERS } from '../interviews/scheduling-roles';
import { INTERVIEWS, type InterviewGateway } from '../scheduling-gateways';
import { INTERVIEW_FORMATS, nullable, oneOf } from '@hirestream/contracts';

const AgendaView = Type.Object(
  {
    dayId: uuid(),
    timeZone: timeZoneName(),
    heading: Type.String({ examples: ['Tuesday, 31 March 2026'] }),
    items: Type.Array(
      Type.Object(
        {
          kind: oneOf(['session', 'break']),
          title: Type.String(),
          date: Type.String({ examples: ['2026-03-31'] }),
          start: Type.String({ examples: ['09:00'] }),
          end: Type.String({ examples: ['10:00'] }),
          utcOffset: Type.String({ examples: ['GMT+01:00'] }),
          format: nullable(oneOf(INTERVIEW_FORMATS)),
          where: nullable(Type.String({ description: 'The location or video link' })),
          cancelled: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    text: Type.String({ description: 'The agenda as the candidate is sent it' }),
  },
  { title: 'InterviewDayAgenda', additionalProperties: false },
);
type AgendaView = Static<typeof AgendaView>;

@ApiTags('interviews')
@Controller('candidates')
export class InterviewDayAgendaController {
  constructor(@Inject(INTERVIEWS) private readonly interviews: InterviewGateway) {}

  @QueryRoute({
    path: ':id/interview-days/:dayId/agenda',
    operationId: 'getInterviewDayAgenda',
    summary:
      "The agenda of an interview day in the candidate's time zone, as items and as the text sent to the candidate",
    roles: [...STAFF_READERS, 'candidate'],
    candidateScope: 'id',
    response: AgendaView,
    problems: [404],
  })
  async agenda(
    @ValidParams(InterviewDayParams) { id, dayId }: InterviewDayParams,
  ): Promise<AgendaView> {
    const { state } = await this.interviews.load(candidateStreamName(id));
    const agenda = interviewDayAgenda(state, dayId);
    return { ...agenda, items: [...agenda.items], text: agendaText(agenda) };
  }
}
