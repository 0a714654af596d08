import {
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  SCREENING_WEBHOOK_PATH,
} from '@hirestream/embedded-screening-provider';
import { CommandRejectedError } from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import { Clock, currentCorrelation, ValidBody, WebhookRoute } from '@hirestream/platform';
import { Controller, Inject, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { SCREENING_PROVIDER_ACTOR } from '../provider/screening-provider-actor';
import { ScreeningResultBody, ScreeningResultReceipt } from './screening-result.dto';
import { ScreeningSignatureGuard } from './screening-signature.guard';

/** The provider is the actor of what its deliveries record; the request's correlation carries on. */
function deliveryContext(): CommandContext {
  const correlation = currentCorrelation();
  const correlationId = correlation?.correlationId ?? randomUUID();
  return {
    actor: SCREENING_PROVIDER_ACTOR,
    correlationId,
    causationId: correlation?.causationId ?? correlationId,
  };
}

/**
 * News of an item whose order is not recorded yet (the provider answered
 * faster than the order was written): a 503, which the provider retries,
 * rather than the 409 it would take as final.
 */
function retryLaterWhenNotOrderedYet(error: unknown): never {
  if (error instanceof CommandRejectedError && error.rule === 'item-not-ordered') {
    throw new ServiceUnavailableException(`${error.message} yet; send it again later`);
  }
  throw error;
}

@ApiTags('screening provider')
@Controller()
export class ScreeningWebhookController {
  constructor(
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    private readonly clock: Clock,
  ) {}

  @WebhookRoute({
    path: SCREENING_WEBHOOK_PATH,
    operationId: 'receiveScreeningResult',
    summary:
      "The screening provider's news of one item (in progress, or its result), signed; a delivery is taken once (a replay: 409 delivery-already-processed; a check not under way: 409 unknown-check)",
    response: ScreeningResultReceipt,
    signatureHeaders: {
      [SIGNATURE_TIMESTAMP_HEADER]:
        'When the provider sent it, in Unix seconds (refused when stale)',
      [SIGNATURE_HEADER]:
        'sha256=<hex>: HMAC-SHA256 with the shared webhook secret over "<timestamp>.<raw body>"',
    },
    signatureHeader: SIGNATURE_HEADER,
    problems: [409],
  })
  @UseGuards(ScreeningSignatureGuard)
  async receive(
    @ValidBody(ScreeningResultBody) body: ScreeningResultBody,
  ): Promise<ScreeningResultReceipt> {
    const outcome = await this.checks
      .handle(
        {
          type: 'RecordProviderResult',
          data: {
            candidateId: body.metadata.candidateId,
            checkId: body.metadata.checkId,
            item: { itemId: body.itemId },
            status: body.status,
            summary: body.summary,
            reportReference: body.reportReference,
            deliveryId: body.deliveryId,
            now: this.clock.instant(),
          },
        },
        deliveryContext(),
      )
      .catch(retryLaterWhenNotOrderedYet);
    return { deliveryId: body.deliveryId, recorded: outcome.events.map((event) => event.type) };
  }
}
