import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes';
import { GroupDescription } from '../protocol/apis/describe-groups';
import { GroupProtocol, JoinGroupRequest, JoinGroupResponse } from '../protocol/apis/join-group';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface SyncResult {
  readonly errorCode: number;
  readonly assignment: Buffer;
}

interface Member {
  readonly memberId: string;
  readonly clientId: string;
  readonly clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: GroupProtocol[];
  assignment: Buffer;
  pendingJoin?: (response: JoinGroupResponse) => void;
  pendingSync?: (result: SyncResult) => void;
  sessionTimer?: NodeJS.Timeout;
}

export interface JoinContext {
  readonly clientId: string;
  readonly clientHost: string;
}

const EMPTY = Buffer.alloc(0);

function joinError(errorCode: number, memberId: string): JoinGroupResponse {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

/**
 * One consumer group, run as Kafka's group coordinator runs it: a join barrier
 * that waits for every known member (or the rebalance timeout), a new
 * generation with a leader who computes the assignment, SyncGroup answers held
 * until the leader's assignment arrives, and rebalances signalled to members
 * through Heartbeat (REBALANCE_IN_PROGRESS). Members that stop heartbeating for
 * their session timeout are evicted.
 */
export class ConsumerGroup {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType = '';
  protocolName = '';
  leaderId = '';
  private readonly members = new Map<string, Member>();
  private rebalanceTimer?: NodeJS.Timeout;
  private initialDelayTimer?: NodeJS.Timeout;

  constructor(
    readonly groupId: string,
    private readonly initialRebalanceDelayMs: number,
  ) {}

  get memberCount(): number {
    return this.members.size;
  }

  join(request: JoinGroupRequest, context: JoinContext): Promise<JoinGroupResponse> {
    if (request.sessionTimeoutMs <= 0) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, request.memberId));
    }
    if (!this.acceptsProtocols(request.protocolType, request.protocols)) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, request.memberId));
    }
    let member = this.members.get(request.memberId);
    if (request.memberId !== '' && member === undefined) {
      return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId));
    }
    if (member === undefined) {
      member = {
        memberId: `${context.clientId}-${randomUUID()}`,
        clientId: context.clientId,
        clientHost: context.clientHost,
        sessionTimeoutMs: request.sessionTimeoutMs,
        rebalanceTimeoutMs: request.rebalanceTimeoutMs,
        protocols: request.protocols,
        assignment: EMPTY,
      };
      this.members.set(member.memberId, member);
    }
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member.protocols = request.protocols;
    if (this.members.size === 1) this.protocolType = request.protocolType;
    const joining = member;
    return new Promise((resolve) => {
      joining.pendingJoin?.(joinError(ErrorCode.REBALANCE_IN_PROGRESS, joining.memberId));
      joining.pendingJoin = resolve;
      clearTimeout(joining.sessionTimer);
      if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
      else this.prepareRebalance();
    });
  }

  private acceptsProtocols(protocolType: string, protocols: readonly GroupProtocol[]): boolean {
    if (protocols.length === 0) return false;
    if (this.members.size === 0) return true;
    if (protocolType !== this.protocolType) return false;
    const offered = new Set(protocols.map((p) => p.name));
    return [...this.members.values()].every((m) => m.protocols.some((p) => offered.has(p.name)));
  }

  private prepareRebalance(): void {
    for (const member of this.members.values()) {
      member.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      member.pendingSync = undefined;
    }
    const wasEmpty = this.state === 'Empty';
    this.state = 'PreparingRebalance';
    if (wasEmpty && this.initialRebalanceDelayMs > 0) {
      // A new group waits a little so that members starting together land in one generation.
      this.initialDelayTimer = setTimeout(() => {
        this.initialDelayTimer = undefined;
        this.maybeCompleteJoin();
      }, this.initialRebalanceDelayMs);
    }
    const rebalanceTimeoutMs = Math.max(
      ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs),
      0,
    );
    this.rebalanceTimer = setTimeout(() => this.completeJoin(), rebalanceTimeoutMs);
    this.maybeCompleteJoin();
  }

  private maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.initialDelayTimer !== undefined) return;
    if ([...this.members.values()].every((m) => m.pendingJoin !== undefined)) this.completeJoin();
  }

  /** Closes the join barrier: members that did not rejoin in time are dropped. */
  private completeJoin(): void {
    clearTimeout(this.rebalanceTimer);
    clearTimeout(this.initialDelayTimer);
    this.rebalanceTimer = undefined;
    this.initialDelayTimer = undefined;
    for (const member of this.members.values()) {
      if (member.pendingJoin === undefined) this.removeMember(member);
    }
    this.generationId += 1;
    if (this.members.size === 0) {
      this.state = 'Empty';
      this.protocolName = '';
      this.leaderId = '';
      return;
    }
    const members = [...this.members.values()];
    this.protocolName = this.chooseProtocol(members);
    if (!this.members.has(this.leaderId)) this.leaderId = members[0].memberId;
    this.state = 'CompletingRebalance';
    const memberMetadata = members.map((m) => ({
      memberId: m.memberId,
      metadata: m.protocols.find((p) => p.name === this.protocolName)?.metadata ?? EMPTY,
    }));
    for (const member of members) {
      const respond = member.pendingJoin;
      member.pendingJoin = undefined;
      member.assignment = EMPTY;
      this.scheduleSessionExpiry(member);
      respond?.({
        errorCode: ErrorCode.NONE,
        generationId: this.generationId,
        protocolName: this.protocolName,
        leaderId: this.leaderId,
        memberId: member.memberId,
        members: member.memberId === this.leaderId ? memberMetadata : [],
      });
    }
  }

  /** The leader's most preferred protocol that every member supports. */
  private chooseProtocol(members: readonly Member[]): string {
    const leader = this.members.get(this.leaderId) ?? members[0];
    const common = leader.protocols.find((p) =>
      members.every((m) => m.protocols.some((q) => q.name === p.name)),
    );
    return (common ?? leader.protocols[0]).name;
  }

  sync(
    generationId: number,
    memberId: string,
    assignments: readonly { memberId: string; assignment: Buffer }[],
  ): Promise<SyncResult> {
    const member = this.members.get(memberId);
    if (member === undefined)
      return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    if (generationId !== this.generationId) {
      return Promise.resolve({ errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: EMPTY });
    }
    if (this.state === 'PreparingRebalance') {
      return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
    }
    this.scheduleSessionExpiry(member);
    if (this.state === 'Stable')
      return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    if (memberId === this.leaderId) {
      const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      this.state = 'Stable';
      for (const m of this.members.values()) {
        m.assignment = byMember.get(m.memberId) ?? EMPTY;
        m.pendingSync?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
        m.pendingSync = undefined;
      }
      return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    }
    return new Promise((resolve) => {
      member.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
      member.pendingSync = resolve;
    });
  }

  heartbeat(generationId: number, memberId: string): number {
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.scheduleSessionExpiry(member);
    return this.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leave(memberId: string): number {
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMember(member);
    this.afterMemberRemoved();
    return ErrorCode.NONE;
  }

  /** Whether a member may commit offsets now; a commit also counts as a heartbeat. */
  checkCommit(generationId: number, memberId: string): number {
    if (generationId < 0 && memberId === '') {
      return this.members.size === 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    }
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    if (member.pendingJoin === undefined) this.scheduleSessionExpiry(member);
    return ErrorCode.NONE;
  }

  private scheduleSessionExpiry(member: Member): void {
    clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => {
      if (this.members.get(member.memberId) !== member || member.pendingJoin !== undefined) return;
      this.removeMember(member);
      this.afterMemberRemoved();
    }, member.sessionTimeoutMs);
  }

  private removeMember(member: Member): void {
    clearTimeout(member.sessionTimer);
    this.members.delete(member.memberId);
    member.pendingJoin?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    member.pendingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    member.pendingJoin = undefined;
    member.pendingSync = undefined;
  }

  private afterMemberRemoved(): void {
    if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
    else if (this.state === 'Stable' || this.state === 'CompletingRebalance')
      this.prepareRebalance();
  }

  describe(): GroupDescription {
    const settled = this.state === 'Stable' || this.state === 'CompletingRebalance';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      state: this.state,
      protocolType: this.protocolType,
      protocol: settled ? this.protocolName : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: m.protocols.find((p) => p.name === this.protocolName)?.metadata ?? EMPTY,
        assignment: m.assignment,
      })),
    };
  }

  /** Stops all timers and answers held requests (broker shutdown). */
  shutdown(): void {
    clearTimeout(this.rebalanceTimer);
    clearTimeout(this.initialDelayTimer);
    for (const member of [...this.members.values()]) this.removeMember(member);
  }
}
