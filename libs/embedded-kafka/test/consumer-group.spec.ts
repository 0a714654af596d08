import { ConsumerGroup } from '../src/groups/consumer-group';
import { JoinGroupRequest, JoinGroupResponse } from '../src/protocol/apis/join-group';
import { ErrorCode } from '../src/protocol/error-codes';

const context = { clientId: 'test', clientHost: '127.0.0.1' };

function joinRequest(memberId = '', protocols = ['range']): JoinGroupRequest {
  return {
    groupId: 'g',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    memberId,
    protocolType: 'consumer',
    protocols: protocols.map((name) => ({ name, metadata: Buffer.from(name) })),
  };
}

async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

describe('consumer group coordination', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function stableGroupOfTwo(
    group: ConsumerGroup,
  ): Promise<[JoinGroupResponse, JoinGroupResponse]> {
    const first = await group.join(joinRequest(), context);
    expect(group.sync(first.generationId, first.memberId, [])).toBeDefined();
    await settle();
    const secondJoin = group.join(joinRequest(), context);
    await settle();
    expect(group.state).toBe('PreparingRebalance');
    expect(group.heartbeat(first.generationId, first.memberId)).toBe(
      ErrorCode.REBALANCE_IN_PROGRESS,
    );
    const firstRejoin = group.join(joinRequest(first.memberId), context);
    const [leader, follower] = await Promise.all([firstRejoin, secondJoin]);
    return [leader, follower];
  }

  it('runs a join barrier, elects a leader and holds followers in SyncGroup until the assignment', async () => {
    const group = new ConsumerGroup('g', 0);
    const [leader, follower] = await stableGroupOfTwo(group);
    expect(leader.generationId).toBe(2);
    expect(follower.generationId).toBe(2);
    expect(leader.leaderId).toBe(leader.memberId);
    expect(leader.members.map((m) => m.memberId).sort()).toEqual(
      [leader.memberId, follower.memberId].sort(),
    );
    expect(follower.members).toEqual([]);
    expect(group.state).toBe('CompletingRebalance');

    let followerAssignment: Buffer | undefined;
    void group.sync(2, follower.memberId, []).then((r) => (followerAssignment = r.assignment));
    await settle();
    expect(followerAssignment).toBeUndefined();
    await group.sync(2, leader.memberId, [
      { memberId: leader.memberId, assignment: Buffer.from('a') },
      { memberId: follower.memberId, assignment: Buffer.from('b') },
    ]);
    await settle();
    expect(followerAssignment?.toString()).toBe('b');
    expect(group.state).toBe('Stable');
    expect(group.heartbeat(2, follower.memberId)).toBe(ErrorCode.NONE);
  });

  it('answers stale and unknown members with Kafka error codes', async () => {
    const group = new ConsumerGroup('g', 0);
    const joined = await group.join(joinRequest(), context);
    expect(group.heartbeat(joined.generationId + 1, joined.memberId)).toBe(
      ErrorCode.ILLEGAL_GENERATION,
    );
    expect(group.heartbeat(joined.generationId, 'nobody')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await group.join(joinRequest('nobody'), context)).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
    expect((await group.join(joinRequest('', ['other']), context)).errorCode).toBe(
      ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
    );
    expect(group.checkCommit(joined.generationId, joined.memberId)).toBe(
      ErrorCode.REBALANCE_IN_PROGRESS,
    );
  });

  it('evicts a member whose session times out and rebalances the rest', async () => {
    const group = new ConsumerGroup('g', 0);
    const [leader, follower] = await stableGroupOfTwo(group);
    await group.sync(2, leader.memberId, []);
    await jest.advanceTimersByTimeAsync(6_000);
    expect(group.heartbeat(2, leader.memberId)).toBe(ErrorCode.NONE);
    await jest.advanceTimersByTimeAsync(6_000);
    expect(group.heartbeat(2, follower.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(group.heartbeat(2, leader.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoined = await group.join(joinRequest(leader.memberId), context);
    expect(rejoined).toMatchObject({ generationId: 3, leaderId: leader.memberId });
    expect(rejoined.members).toHaveLength(1);
  });

  it('drops members that do not rejoin within the rebalance timeout', async () => {
    const group = new ConsumerGroup('g', 0);
    const [leader, follower] = await stableGroupOfTwo(group);
    await group.sync(2, leader.memberId, []);
    expect(group.leave(leader.memberId)).toBe(ErrorCode.NONE);
    expect(group.heartbeat(2, follower.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const lone = await group.join(joinRequest(follower.memberId), context);
    expect(lone).toMatchObject({ generationId: 3, leaderId: follower.memberId });
    const newcomer = group.join(joinRequest(), context);
    await jest.advanceTimersByTimeAsync(30_000);
    const result = await newcomer;
    expect(result.generationId).toBe(4);
    expect(result.members).toHaveLength(1);
    expect(group.heartbeat(3, follower.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('waits the initial rebalance delay so that members starting together share the first generation', async () => {
    const group = new ConsumerGroup('g', 3_000);
    const first = group.join(joinRequest(), context);
    await jest.advanceTimersByTimeAsync(1_000);
    const second = group.join(joinRequest(), context);
    await jest.advanceTimersByTimeAsync(2_000);
    const [a, b] = await Promise.all([first, second]);
    expect(a.generationId).toBe(1);
    expect(b.generationId).toBe(1);
    expect([a, b].find((r) => r.memberId === r.leaderId)?.members).toHaveLength(2);
  });

  it('describes its state and members', async () => {
    const group = new ConsumerGroup('g', 0);
    const joined = await group.join(joinRequest(), context);
    await group.sync(joined.generationId, joined.memberId, [
      { memberId: joined.memberId, assignment: Buffer.from('x') },
    ]);
    expect(group.describe()).toMatchObject({
      groupId: 'g',
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'range',
      members: [{ memberId: joined.memberId, clientId: 'test', assignment: Buffer.from('x') }],
    });
    group.shutdown();
  });
});
