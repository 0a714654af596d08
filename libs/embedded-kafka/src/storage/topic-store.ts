import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FlushScheduler } from './flush-scheduler';
import { syncDirectory, writeFileDurably } from './file-io';
import { PartitionLog, PartitionLogOptions } from './partition-log';

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
}

/** Topics on disk: `topics/<name>/topic.json` and one directory of segments per partition. */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly topicsDirectory: string;

  constructor(
    dataDir: string,
    private readonly logOptions: PartitionLogOptions,
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
      const { partitions } = JSON.parse(readFileSync(join(directory, TOPIC_FILE), 'utf8')) as {
        partitions: number;
      };
      this.topics.set(name, this.openTopic(name, partitions));
    }
  }

  private openTopic(name: string, partitionCount: number): Topic {
    const directory = join(this.topicsDirectory, name);
    const partitions = Array.from({ length: partitionCount }, (_, partition) =>
      PartitionLog.open(join(directory, String(partition)), this.logOptions, this.flusher),
    );
    return { name, partitions };
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  all(): Topic[] {
    return [...this.topics.values()];
  }

  create(name: string, partitionCount: number): Topic {
    const directory = join(this.topicsDirectory, name);
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory);
    const topic = this.openTopic(name, partitionCount);
    writeFileDurably(
      join(directory, TOPIC_FILE),
      JSON.stringify({ name, partitions: partitionCount }),
    );
    syncDirectory(this.topicsDirectory);
    this.topics.set(name, topic);
    return topic;
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
