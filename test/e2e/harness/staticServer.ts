import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { APP_HOST, APP_SCHEME, appResponseHeaders, resolveAppPath } from '../../../main/window/security.js';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 with the same path rules and headers (CSP included) as the
 * app:// protocol handler, so the page runs under production conditions.
 */
export async function serveRenderer(root: string): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const appUrl = `${APP_SCHEME}://${APP_HOST}${new URL(req.url ?? '/', 'http://x').pathname}`;
    const path = resolveAppPath(appUrl, root);
    if (!path || req.method !== 'GET') {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, appResponseHeaders(path)).end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
