import { candidateStreamName, CommandRejectedError } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { checkExtendable } from '../domain/offer.decider';
import {
  OFFER_LETTERS,
  OfferLetterContentError,
  type OfferLetters,
  type RenderedOfferLetter,
} from '../offer-letter/offer-letter.port';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { ExtendOfferBody } from '../offers/offer-requests.dto';
import { OFFER_MAKERS } from '../offers/offer-roles';
import { OfferParams } from '../offers/offer.params';
import { OfferView, replyWithOffer, type OfferViewFor } from '../offers/offer.view';

/**
 * Extending: the rules are checked on the stream as read, the letter rendered
 * and stored, then the extension decided (the rules checked again). A letter
 * rendered for an extension that then loses a race stays stored, unreferenced.
 */
@ApiTags('offers')
@Controller('candidates')
export class ExtendOfferController {
  constructor(
    @Inject(OFFERS) private readonly offers: OfferGateway,
    @Inject(OFFER_LETTERS) private readonly letters: OfferLetters,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    path: ':id/offers/:offerId/extension',
    operationId: 'extendOffer',
    summary:
      'Extend the fully approved version to the candidate (offer stage, no failing or unresolved check): renders the letter, records its SHA-256s',
    roles: OFFER_MAKERS,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  async extend(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @ValidBody(ExtendOfferBody) { version }: ExtendOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const now = this.clock.instant();
    const key = { candidateId: id, offerId, version, now };
    const { state } = await this.offers.load(candidateStreamName(id));
    const offerVersion = checkExtendable(state, key);
    const template = this.letters.defaultTemplate();
    const rendered = await this.rendered(() =>
      this.letters.render(id, {
        offerId,
        offerVersion: version,
        candidateName: state.candidate?.fullName ?? '',
        terms: offerVersion.terms,
        extendedAt: now,
        template,
      }),
    );
    const outcome = await this.offers.handle(
      {
        type: 'ExtendOffer',
        data: {
          ...key,
          letter: {
            reference: rendered.reference,
            templateId: template.id,
            templateVersion: template.version,
            htmlSha256: rendered.html.sha256,
            pdfSha256: rendered.pdf.sha256,
          },
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }

  /** Terms the letter cannot show are the offer's to fix: a 409 naming why. */
  private async rendered(render: () => Promise<RenderedOfferLetter>): Promise<RenderedOfferLetter> {
    try {
      return await render();
    } catch (error) {
      if (!(error instanceof OfferLetterContentError)) throw error;
      throw new CommandRejectedError('letter-not-renderable', error.message);
    }
  }
}
