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

  all(): ConsumerGroup[] {
    return [...this.groups.values()];
  }

  shutdown(): void {
    for (const group of this.groups.values()) group.shutdown();
    this.groups.clear();
  }
}
