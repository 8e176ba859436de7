// A load-generator process of `npm run bench:fanout` (fanout.ts forks it): holds its share of the
// graphql-ws dashboards, each a municipality officer subscribed to cameraStatusChanged through the
// gateway, and records when every event arrived. Messages (IPC):
//   in  { type: 'open', url, after, clients: [{ token, municipality }], concurrency }  → out { type: 'opened', connected, failed }
//   in  { type: 'report', key }  → out { type: 'report', key, times: { [municipality]: receivedAt[] }, wrong, errors }
// key: `<camera id> <new status>` of one change.
//   in  { type: 'close' }           → out { type: 'closed' }
// receivedAt is performance.timeOrigin + performance.now(): comparable across processes of one machine.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

// from `after` (a live cursor read before the dashboards connect), as the web dashboard does: no change
// committed after it is missed, however long a subscription takes to be established upstream
const SUBSCRIPTION =
  'subscription($after: String) { cameraStatusChanged(after: $after) { status cursor camera { id municipality } } }';
type Event = { cameraStatusChanged: { status: string; camera: { id: string; municipality: string } } };

const clients: Client[] = [];
/** change key → municipality of the receiving client → arrival times */
const arrivals = new Map<string, Map<string, number[]>>();
/** events a client got of another municipality's camera (the policy must never let that happen) */
let wrong = 0;
let errors = 0;
const now = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

async function open(
  url: string,
  after: string,
  list: Array<{ token: string; municipality: string }>,
  concurrency: number,
) {
  let connected = 0;
  let failed = 0;
  let next = 0;
  const one = (c: { token: string; municipality: string }) =>
    new Promise<void>((resolve) => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        connectionParams: { authorization: `Bearer ${c.token}` },
        on: {
          connected: () => ((connected += 1), resolve()),
          closed: () => resolve(),
          error: () => ((failed += 1), resolve()),
        },
      });
      clients.push(client);
      client.subscribe<Event>(
        { query: SUBSCRIPTION, variables: { after } },
        {
          next: (r) => {
            const at = now();
            const e = r.data?.cameraStatusChanged;
            if (!e) return void (errors += 1);
            if (e.camera.municipality !== c.municipality) wrong += 1;
            const key = `${e.camera.id} ${e.status}`;
            let byMunicipality = arrivals.get(key);
            if (!byMunicipality) arrivals.set(key, (byMunicipality = new Map()));
            const times = byMunicipality.get(c.municipality) ?? [];
            times.push(at);
            byMunicipality.set(c.municipality, times);
          },
          error: () => (errors += 1),
          complete: () => {},
        },
      );
    });
  // at most `concurrency` handshakes at a time: a burst of thousands would measure the backlog of accept()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) await one(list[next++]!);
    }),
  );
  send({ type: 'opened', connected, failed });
}

process.on(
  'message',
  (m: {
    type: string;
    url?: string;
    after?: string;
    clients?: Array<{ token: string; municipality: string }>;
    concurrency?: number;
    key?: string;
  }) => {
    if (m.type === 'open') void open(m.url!, m.after!, m.clients!, m.concurrency ?? 50);
    else if (m.type === 'report') {
      const byMunicipality = arrivals.get(m.key!) ?? new Map<string, number[]>();
      send({ type: 'report', key: m.key, times: Object.fromEntries(byMunicipality), wrong, errors });
    } else if (m.type === 'close') {
      void Promise.all(clients.map(async (c) => c.dispose())).then(() => {
        send({ type: 'closed' });
        process.exit(0);
      });
    }
  },
);
