import { startFakeServer, type FakeServer, type ReceivedRequest } from './fakeHttp.js';

/** One URL whose server can be swapped, as when an operator replaces a Provider with a Node: forwards each request to `backend()`. */
export async function startSwitchableServer(backend: () => string): Promise<FakeServer> {
  return startFakeServer({
    handler: async (req: ReceivedRequest) => {
      const init: RequestInit = { method: req.method, headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {} };
      if (req.body) init.body = req.body;
      const res = await fetch(`${backend()}${req.target}`, init);
      return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/plain' }, body: await res.text() };
    },
  });
}
