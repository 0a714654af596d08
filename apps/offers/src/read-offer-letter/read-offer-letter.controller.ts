import {
  AggregateNotFoundError,
  candidateStreamName,
  oneOf,
  sha256Digest,
} from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams, ValidQuery } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { OFFER_LETTERS, type OfferLetters } from '../offer-letter/offer-letter.port';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { COMPENSATION_READERS } from '../offers/offer-roles';
import { OfferParams } from '../offers/offer.params';
import { offersOf, offerViewFor } from '../offers/offer.view';

const LetterQuery = Type.Object(
  { format: Type.Optional(oneOf(['html', 'pdf'] as const, { default: 'pdf' })) },
  { additionalProperties: false },
);
type LetterQuery = Static<typeof LetterQuery>;

const OfferLetterView = Type.Object(
  {
    reference: Type.String(),
    format: oneOf(['html', 'pdf'] as const),
    sha256: sha256Digest({ description: 'As recorded when the offer was extended' }),
    encoding: oneOf(['utf-8', 'base64'] as const),
    content: Type.String({ description: 'The HTML as text, or the PDF in base64' }),
  },
  { title: 'OfferLetter', additionalProperties: false },
);
type OfferLetterView = Static<typeof OfferLetterView>;

/**
 * The letter the candidate was sent, as stored: its SHA-256 proves it is the
 * one recorded. Once the candidate's personal data is erased it is gone: 410.
 */
@ApiTags('offers')
@Controller('candidates')
export class ReadOfferLetterController {
  constructor(
    @Inject(OFFERS) private readonly offers: OfferGateway,
    @Inject(OFFER_LETTERS) private readonly letters: OfferLetters,
  ) {}

  @QueryRoute({
    path: ':id/offers/:offerId/letter',
    operationId: 'getOfferLetter',
    summary:
      'The letter of the version last extended, as HTML or PDF (base64), with the SHA-256 recorded in the event',
    roles: [...COMPENSATION_READERS, 'approver', 'candidate'],
    candidateScope: 'id',
    response: OfferLetterView,
    // 410: the letter was erased with the candidate's personal data.
    problems: [404, 410],
  })
  async read(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @ValidQuery(LetterQuery) { format = 'pdf' }: LetterQuery,
    @Caller() caller: CommandCaller,
  ): Promise<OfferLetterView> {
    const state = offersOf(await this.offers.load(candidateStreamName(id)), id);
    const offer = state.offers.get(offerId);
    const readable =
      offer !== undefined && offerViewFor(state, id, offer, caller.principal) !== undefined;
    const letter = readable ? offer.extended?.letter : undefined;
    const bytes =
      letter === undefined ? undefined : await this.letters.read(letter.reference, format);
    if (letter === undefined || bytes === undefined) {
      throw new AggregateNotFoundError(`offer ${offerId} has no letter`);
    }
    return {
      reference: letter.reference,
      format,
      sha256: format === 'html' ? letter.htmlSha256 : letter.pdfSha256,
      encoding: format === 'html' ? 'utf-8' : 'base64',
      content: bytes.toString(format === 'html' ? 'utf8' : 'base64'),
    };
  }
}
