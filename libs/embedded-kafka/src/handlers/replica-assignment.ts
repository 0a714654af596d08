import { ReplicaAssignment } from '../protocol/apis/create-topics';

/**
 * Checks a CreateTopics manual assignment against the one broker there is, in
 * the order and words of Kafka (unknown brokers as its KRaft controller
 * reports them; the ZooKeeper-based controller does not check them on
 * creation). Returns the error message, or undefined when it is valid.
 */
export function checkTopicAssignment(
  assignments: readonly ReplicaAssignment[],
  brokerId: number,
): string | undefined {
  const seen = new Set<number>();
  for (const { partition, brokers } of assignments) {
    if (seen.has(partition))
      return `Found multiple manual partition assignments for partition ${partition}`;
    seen.add(partition);
    if (brokers.length === 0)
      return 'The manual partition assignment includes an empty replica list.';
    const unknown = [...brokers].sort((a, b) => a - b).find((id) => id !== brokerId);
    if (unknown !== undefined)
      return `The manual partition assignment includes broker ${unknown}, but no such broker is registered.`;
  }
  if (new Set(assignments.map((a) => a.brokers.length)).size !== 1)
    return 'All partitions should have the same number of replicas';
  const duplicated = assignments.find((a) => new Set(a.brokers).size !== a.brokers.length);
  if (duplicated !== undefined)
    return `Duplicate replica assignment found: ${describeAssignments(assignments)}`;
  if (assignments.some((a) => a.partition < 0 || a.partition >= assignments.length))
    return 'partitions should be a consecutive 0-based integer sequence';
  return undefined;
}

function describeAssignments(assignments: readonly ReplicaAssignment[]): string {
  const entries = assignments.map((a) => `${a.partition} -> ${a.brokers.join(', ')}`);
  return `{${entries.join('; ')}}`;
}

/** Checks CreatePartitions assignments for `added` new partitions, as Kafka's ZooKeeper-based admin does. */
export function checkAddedAssignment(
  assignments: readonly (readonly number[])[],
  added: number,
  firstPartition: number,
  brokerId: number,
): string | undefined {
  const unknown = [...new Set(assignments.flat())].filter((id) => id !== brokerId);
  if (unknown.length > 0) return `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`;
  if (assignments.length !== added)
    return `Increasing the number of partitions by ${added} but ${assignments.length} assignments provided.`;
  for (const [index, replicas] of assignments.entries()) {
    const partition = firstPartition + index;
    if (replicas.length === 0)
      return `Cannot have replication factor of 0 for partition id ${partition}.`;
    if (new Set(replicas).size !== replicas.length)
      return `Duplicate brokers not allowed in replica assignment: ${replicas.join(', ')} for partition id ${partition}.`;
  }
  return undefined;
}
