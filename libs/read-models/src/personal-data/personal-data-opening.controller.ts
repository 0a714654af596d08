import { keyIdsIn, PersonalDataIntegrityError, PersonalDataVault } from '@hirestream/personal-data';
import {
  CurrentPrincipal,
  JsonLogger,
  ProblemMapper,
  QueryRoute,
  ValidBody,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  eventDataSent,
  PersonalDataOpeningRequest,
  PersonalDataOpeningView,
} from './personal-data-opening.view';

/**
 * Sealed data an opening was asked for that does not open: altered, or bound to
 * another event or path. Answered 422 here; the same failure reading the
 * service's own store stays a server error.
 */
export class UnopenablePersonalDataError extends Error {
  constructor(cause: PersonalDataIntegrityError) {
    super(cause.message);
    this.name = 'UnopenablePersonalDataError';
  }
}

/**
 * Plaintext for an authorized outside subscriber: Kafka carries personal values
 * sealed, and this opens a message's data with the platform's keys. Only admins
 * may; each call is logged with who asked, the event id and the data keys,
 * never the values.
 */
@ApiTags('personal-data')
@Controller('personal-data')
export class PersonalDataOpeningController {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly logger: JsonLogger,
    problems: ProblemMapper,
  ) {
    problems.add([
      {
        error: UnopenablePersonalDataError,
        status: 422,
        title: 'The sealed personal data cannot be opened',
      },
    ]);
  }

  @QueryRoute({
    method: 'POST',
    path: 'openings',
    operationId: 'openPersonalData',
    summary:
      "A Kafka message's data with its sealed personal values opened (its ce_id and value as published)",
    roles: ['admin'],
    response: PersonalDataOpeningView,
    problems: [422],
  })
  async open(
    @ValidBody(PersonalDataOpeningRequest, eventDataSent)
    { eventId, data }: PersonalDataOpeningRequest,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<PersonalDataOpeningView> {
    this.logger.pino.info(
      {
        context: 'PersonalDataOpening',
        actorId: principal.subject,
        actorRole: principal.actingRole,
        eventId,
        keyIds: [...keyIdsIn(data)],
      },
      'personal data opening asked for',
    );
    try {
      const [opened] = await this.vault.openEvents([{ eventId, data }]);
      return {
        data: opened.data,
        keyIds: [...opened.keyIds],
        erasedPaths: [...opened.erasedPaths],
      };
    } catch (error) {
      if (error instanceof PersonalDataIntegrityError) throw new UnopenablePersonalDataError(error);
      throw error;
    }
  }
}
