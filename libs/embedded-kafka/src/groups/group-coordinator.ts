import { ConsumerGroup } from './consumer-group';

/** The groups this broker coordinates (all of them: it is the only broker). */
export class GroupCoordinator {
  private readonly groups = new Map<string, ConsumerGroup>();

  constructor(private readonly initialRebalanceDelayMs: number) {}

  get(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId);
  }

  getOrCreate(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new ConsumerGroup(groupId, this.initialRebalanceDelayMs);
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Forgets a group (DeleteGroups); the caller has checked it has no members. */
  delete(groupId: string): void {
    this.groups.get(groupId)?.shutdown();
    this.groups.delete(groupId);
  }

  all(): ConsumerGroup[] {
    return [...this.groups.values()];
  }

  shutdown(): void {
    for (const group of this.groups.values()) group.shutdown();
    this.groups.clear();
  }
}
