/**
 * A loopback HTTP proxy that speaks CONNECT (RFC 9110 §9.3.6), as a corporate proxy does for HTTPS:
 * it records every tunnel it was asked for, and can demand Basic credentials (407 otherwise).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';

export interface FakeConnectProxy {
  url: string;
  /** host:port of every CONNECT received, accepted or not. */
  readonly tunnels: string[];
  /** When set, CONNECT needs `Proxy-Authorization: Basic base64(user:password)`. */
  requireAuth: { user: string; password: string } | undefined;
  close(): Promise<void>;
}

export async function startFakeConnectProxy(): Promise<FakeConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const state: { requireAuth: FakeConnectProxy['requireAuth'] } = { requireAuth: undefined };
  const server = createServer((_req, res) => {
    // This proxy only tunnels; absolute-form plain requests are refused as a strict proxy would.
    res.writeHead(405, { 'content-type': 'text/plain' }).end('CONNECT only');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    client.on('error', () => undefined);
    const auth = state.requireAuth;
    if (auth) {
      const expected = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
      if (req.headers['proxy-authorization'] !== expected) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="fake"\r\nContent-Length: 0\r\n\r\n');
        return;
      }
    }
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = netConnect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    get requireAuth() {
      return state.requireAuth;
    },
    set requireAuth(v) {
      state.requireAuth = v;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
