import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FlushScheduler } from './flush-scheduler';
import { syncDirectory, writeFileDurably } from './file-io';
import { PartitionLog, PartitionLogOptions } from './partition-log';
import { TopicConfigOverrides } from './topic-configs';

/** Written last when a topic is created: a topic directory without it is an unfinished creation. */
const TOPIC_FILE = 'topic.json';
const MAX_TOPIC_NAME_LENGTH = 249;
const VALID_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

export function isValidTopicName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_TOPIC_NAME_LENGTH &&
    VALID_TOPIC_NAME.test(name) &&
    name !== '.' &&
    name !== '..'
  );
}

export interface Topic {
  readonly name: string;
  readonly partitions: readonly PartitionLog[];
  /** Overrides of the honoured topic configs (AlterConfigs, CreateTopics). */
  readonly configs: TopicConfigOverrides;
}

interface TopicFile {
  readonly name: string;
  readonly partitions: number;
  readonly configs?: TopicConfigOverrides;
}

/**
 * Topics on disk: `topics/<name>/topic.json` (partition count and config
 * overrides, replaced atomically on change) and one directory of segments per
 * partition.
 */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly topicsDirectory: string;

  constructor(
    dataDir: string,
    private readonly logOptionsFor: (configs: TopicConfigOverrides) => PartitionLogOptions,
    private readonly flusher: FlushScheduler,
  ) {
    this.topicsDirectory = join(dataDir, 'topics');
    mkdirSync(this.topicsDirectory, { recursive: true });
    for (const name of readdirSync(this.topicsDirectory)) {
      const directory = join(this.topicsDirectory, name);
      if (!existsSync(join(directory, TOPIC_FILE))) {
        rmSync(directory, { recursive: true, force: true });
        continue;
      }
      const file = JSON.parse(readFileSync(join(directory, TOPIC_FILE), 'utf8')) as TopicFile;
      this.topics.set(name, this.openTopic(name, file.partitions, file.configs ?? {}));
    }
  }

  private openTopic(name: string, partitionCount: number, configs: TopicConfigOverrides): Topic {
    const directory = join(this.topicsDirectory, name);
    const options = this.logOptionsFor(configs);
    const partitions = Array.from({ length: partitionCount }, (_, partition) =>
      PartitionLog.open(join(directory, String(partition)), options, this.flusher),
    );
    return { name, partitions, configs };
  }

  private writeTopicFile(topic: Topic): void {
    const file: TopicFile = {
      name: topic.name,
      partitions: topic.partitions.length,
      configs: topic.configs,
    };
    writeFileDurably(join(this.topicsDirectory, topic.name, TOPIC_FILE), JSON.stringify(file));
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  all(): Topic[] {
    return [...this.topics.values()];
  }

  create(name: string, partitionCount: number, configs: TopicConfigOverrides = {}): Topic {
    const directory = join(this.topicsDirectory, name);
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory);
    const topic = this.openTopic(name, partitionCount, configs);
    this.writeTopicFile(topic);
    syncDirectory(this.topicsDirectory);
    this.topics.set(name, topic);
    return topic;
  }

  /**
   * Adds partitions up to `partitionCount`. Their directories exist before the
   * new count is written, so a crash in between leaves the old count (and
   * empty directories that the next addition starts afresh).
   */
  addPartitions(name: string, partitionCount: number): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    const directory = join(this.topicsDirectory, name);
    const options = this.logOptionsFor(topic.configs);
    const added = [];
    for (let partition = topic.partitions.length; partition < partitionCount; partition++) {
      const partitionDirectory = join(directory, String(partition));
      rmSync(partitionDirectory, { recursive: true, force: true });
      added.push(PartitionLog.open(partitionDirectory, options, this.flusher));
    }
    syncDirectory(directory);
    const grown: Topic = { ...topic, partitions: [...topic.partitions, ...added] };
    this.writeTopicFile(grown);
    this.topics.set(name, grown);
  }

  /** Replaces a topic's config overrides durably and applies them to its partitions. */
  setConfigs(name: string, configs: TopicConfigOverrides): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    const changed: Topic = { ...topic, configs };
    this.writeTopicFile(changed);
    this.topics.set(name, changed);
    const options = this.logOptionsFor(configs);
    for (const partition of topic.partitions) partition.setOptions(options);
  }

  /** Forgets the topic at once; its files go after pending syncs have finished. */
  async delete(name: string): Promise<void> {
    const topic = this.topics.get(name);
    if (!topic) return;
    this.topics.delete(name);
    const directory = join(this.topicsDirectory, name);
    const doomed = join(this.topicsDirectory, `${name}.deleted-${Date.now()}`);
    renameSync(join(directory, TOPIC_FILE), join(directory, `${TOPIC_FILE}.deleted`));
    renameSync(directory, doomed);
    syncDirectory(this.topicsDirectory);
    await this.flusher.drain();
    for (const partition of topic.partitions) partition.close();
    rmSync(doomed, { recursive: true, force: true });
  }

  close(): void {
    for (const topic of this.topics.values()) {
      for (const partition of topic.partitions) partition.close();
    }
  }
}
