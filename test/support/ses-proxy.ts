import { connect, createServer, type Socket } from 'node:net';

export type SesMode = 'up' | 'hanging' | 'down';

export interface SesProxy {
  readonly url: string;
  /** `up`: passes through to the emulator; `hanging`: accepts and never answers; `down`: refuses. */
  set(mode: SesMode): void;
  /** How many connections arrived while hanging (each one a send attempt that got no answer). */
  readonly hungConnections: number;
  close(): Promise<void>;
}

/**
 * A TCP stand-in in front of the SES emulator that can make SES hang (accept the connection and never
 * answer) or go down (refuse it), the faults an emulator cannot produce. Point AWS_ENDPOINT_URL_SES at it
 * before the first email. Switching the mode drops every open connection, so kept-alive sockets of the
 * SDK cannot slip through to the emulator.
 */
export async function startSesProxy(upstream: string): Promise<SesProxy> {
  const target = new URL(upstream);
  let mode: SesMode = 'up';
  let hung = 0;
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    if (mode === 'down') return socket.destroy();
    if (mode === 'hanging') {
      hung++;
      socket.on('data', () => undefined);
      return;
    }
    const forward = connect(Number(target.port), target.hostname);
    open.add(forward);
    forward.on('close', () => {
      open.delete(forward);
      socket.destroy();
    });
    forward.on('error', () => socket.destroy());
    socket.on('close', () => forward.destroy());
    socket.pipe(forward).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    set(next) {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    get hungConnections() {
      return hung;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
