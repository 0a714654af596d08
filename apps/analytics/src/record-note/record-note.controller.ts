import { uuid } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, entityTagOf, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { NOTES, type NoteGateway } from '../note-gateway';
import { NoteView, RecordNoteBody } from './record-note.dto';

const CandidateIdParams = Type.Object({ id: uuid() }, { additionalProperties: false });
type CandidateIdParams = Static<typeof CandidateIdParams>;

@ApiTags('analytics')
@Controller('candidates')
export class RecordNoteController {
  constructor(@Inject(NOTES) private readonly notes: NoteGateway) {}

  @CommandRoute({
    path: ':id/analytics-notes',
    operationId: 'recordAnalyticsNote',
    summary: 'Record a note about the candidacy',
    roles: ['recruiter', 'admin'],
    creates: true,
    revisioned: true,
    response: NoteView,
    problems: [404, 409],
  })
  async record(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @ValidBody(RecordNoteBody) body: RecordNoteBody,
    @Caller() caller: CommandCaller,
  ): Promise<NoteView> {
    const note = { candidateId: id, noteId: randomUUID(), text: body.text };
    const outcome = await this.notes.handle(
      { type: 'RecordNote', data: note },
      caller.context,
      caller.options,
    );
    const revision = outcome.revision ?? 0n;
    caller.reply.header('etag', entityTagOf(revision));
    caller.reply.header('location', `/candidates/${id}/analytics-notes/${note.noteId}`);
    return { ...note, revision: revision.toString() };
  }
}
