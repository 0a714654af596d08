import { connect, Socket } from 'node:net';
import { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory whose client can be made to "die": `kill()` drops
 * every connection at once and refuses new ones, so the broker sees a member
 * vanish without a LeaveGroup, as when its process crashes.
 */
export function killableSockets(): { socketFactory: ISocketFactory; kill(): void } {
  const sockets = new Set<Socket>();
  let dead = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (dead) {
      const refused = new Socket();
      process.nextTick(() => refused.destroy(new Error('this client is dead')));
      return refused;
    }
    const socket = connect({ host, port }, onConnect);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };
  return {
    socketFactory,
    kill() {
      dead = true;
      for (const socket of sockets) socket.destroy(new Error('this client died'));
    },
  };
}
