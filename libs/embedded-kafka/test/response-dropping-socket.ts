import { connect, Socket } from 'node:net';
import { ISocketFactory } from 'kafkajs';

const PRODUCE_API_KEY = 0;

/**
 * A kafkajs socket factory that lets the first Produce request reach the broker
 * but cuts the connection instead of delivering its answer, the way a network
 * failure after a successful write looks to a producer. The producer then
 * retries the same batch, which an idempotent broker must not store twice.
 */
export function dropFirstProduceResponse(): {
  socketFactory: ISocketFactory;
  dropped: () => boolean;
} {
  let armed = true;
  let droppedOne = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket: Socket = connect({ host, port }, onConnect);
    let awaitingProduceResponse = false;
    const write = socket.write.bind(socket) as (chunk: Buffer, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: Buffer, ...rest: unknown[]) => {
      if (
        armed &&
        Buffer.isBuffer(chunk) &&
        chunk.length >= 6 &&
        chunk.readInt16BE(4) === PRODUCE_API_KEY
      ) {
        armed = false;
        awaitingProduceResponse = true;
      }
      return write(chunk, ...rest);
    }) as Socket['write'];
    const emit = socket.emit.bind(socket) as (
      event: string | symbol,
      ...args: unknown[]
    ) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'data' && awaitingProduceResponse) {
        awaitingProduceResponse = false;
        droppedOne = true;
        socket.destroy(new Error('connection cut before the produce response'));
        return true;
      }
      return emit(event, ...args);
    }) as Socket['emit'];
    return socket;
  };
  return { socketFactory, dropped: () => droppedOne };
}
