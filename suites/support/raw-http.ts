import { connect } from 'node:net';

export interface RawAnswer {
  status: number | undefined;
  text: string;
  /** The server closed the connection. */
  closed: boolean;
}

/**
 * Writes bytes as they are (a malformed or slow request undici would refuse to send) and
 * resolves when the server has answered and closed, or `stopAfter` bytes of an answer arrived.
 */
export function rawExchange(port: number, chunks: (Buffer | string)[], options: { holdOpen?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (!options.holdOpen) socket.end();
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      resolve({ status: status ? Number(status) : undefined, text: received, closed: true });
    });
  });
}

export function postHead(path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: '127.0.0.1', connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
