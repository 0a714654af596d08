import {
  candidateStreamName,
  type ErasureReason,
  type PersonalDataErased,
  type RetentionPolicyVersion,
} from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import { currentCorrelation } from '@hirestream/platform';
import { PersonalDataVault, type ErasedKey } from '@hirestream/personal-data';
import { Inject, Injectable } from '@nestjs/common';
import { candidaciesOfKeys, erasureScope } from '../domain/personal-data.decider';
import { PERSONAL_DATA, type PersonalDataGateway } from './personal-data-gateway';

/** What to erase and on what basis: a request's reaches the person, a retention's one candidacy. */
export type ErasureOrder =
  | Readonly<{
      basis: 'request';
      /** The approved request; null for an admin's direct erasure. */
      requestId: string | null;
      reason: ErasureReason;
      requestedBy: string;
    }>
  | Readonly<{ basis: 'retention'; policy: RetentionPolicyVersion }>;

/**
 * Carries out an erasure: deletes the data keys first (on request, every
 * candidacy's of the person, through the key links their registrations made;
 * the candidacy's own in any case), then records `PersonalDataErased` in the
 * stream of each candidacy whose key went, the addressed one last. So a crash
 * part-way leaves the addressed candidacy unrecorded and a repeat finishes the
 * work (deleting a deleted key changes nothing); once it is recorded, a repeat
 * answers the erasure recorded and deletes nothing more.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway,
    private readonly vault: PersonalDataVault,
  ) {}

  async erase(
    candidateId: string,
    order: ErasureOrder,
    context: CommandContext,
  ): Promise<PersonalDataErased['data']> {
    const { state } = await this.personalData.load(candidateStreamName(candidateId));
    const scope = erasureScope(state, candidateId, order.basis);
    if (scope.kind === 'recorded') return answered(scope.erasure);
    const erased: ErasedKey[] =
      order.basis === 'request' && scope.personId !== null
        ? await this.vault.erasePerson(scope.personId)
        : [];
    if (!erased.some(({ keyId }) => keyId === scope.keyId)) {
      erased.push(...(await this.vault.erase([scope.keyId])));
    }
    const keyIds = [...new Set(erased.map(({ keyId }) => keyId))].sort();
    const erasedAt = new Date(
      Math.max(...erased.map((key) => key.erasedAt.getTime())),
    ).toISOString();
    const recorded = (id: string): PersonalDataErased['data'] => ({
      candidateId: id,
      personId: scope.personId,
      keyIds,
      basis: order.basis,
      requestId: order.basis === 'request' ? order.requestId : null,
      reason: order.basis === 'request' ? order.reason : null,
      requestedBy: order.basis === 'request' ? order.requestedBy : null,
      policy: order.basis === 'retention' ? order.policy : null,
      erasedAt,
    });
    for (const other of candidaciesOfKeys(keyIds).filter((id) => id !== candidateId)) {
      await this.personalData.handle({ type: 'RecordErasure', data: recorded(other) }, context);
    }
    const { state: after } = await this.personalData.handle(
      { type: 'RecordErasure', data: recorded(candidateId) },
      context,
    );
    return answered(after.erasure ?? recorded(candidateId));
  }
}

/**
 * The erasure as answered: it holds none of the erased subjects' values, so the
 * request's stored response (Idempotency-Key) is kept as it is rather than as
 * gone, for the keys the request read before erasing them.
 */
function answered(erasure: PersonalDataErased['data']): PersonalDataErased['data'] {
  const used = currentCorrelation()?.personalDataKeys;
  for (const keyId of erasure.keyIds) used?.delete(keyId);
  return erasure;
}
