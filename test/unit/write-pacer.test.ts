// The write queue of one command over many environments (#14, review finding 2): an
// environment's writes go back to back, a throttled write's retry keeps its place, and a
// deadline takes a waiting environment out of the queue.
import { jest } from '@jest/globals';
import { SLOT_MS, WritePacer, type WriteLane } from '../../src/aws/write-pacer.js';

beforeEach(() => {
  jest.useFakeTimers({ now: 0 });
});
afterEach(() => {
  jest.useRealTimers();
});

type Sent = [write: string, at: number];

/** What the engine and the SDK middleware do: a turn, its writes at once, then release. */
async function switchEnvironment(
  lane: WriteLane,
  name: string,
  writes: number,
  sent: Sent[],
): Promise<void> {
  await lane.turn(writes);
  try {
    await Promise.all(
      Array.from({ length: writes }, async (_, i) => {
        await lane.slot();
        sent.push([`${name}.${i + 1}`, Date.now()]);
      }),
    );
  } finally {
    lane.release();
  }
}

const slots = (n: number): number => Math.round(n * SLOT_MS);
const at = (sent: Sent[]): [string, number][] => sent.map(([w, t]) => [w, Math.round(t)]);

it("six environments in one region: each one's two writes go back to back, one slot apart, in order", async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const done = Promise.all(
    names.map((n) => switchEnvironment(pacer.lane('eu-west-1'), n, 2, sent)),
  );
  await jest.advanceTimersByTimeAsync(slots(12));
  await done;
  expect(at(sent)).toEqual(
    names.flatMap((n, i) => [
      [`${n}.1`, slots(2 * i)],
      [`${n}.2`, slots(2 * i + 1)],
    ]),
  );
});

it('regions do not wait for each other', async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const done = Promise.all([
    switchEnvironment(pacer.lane('eu-west-1'), 'eu', 2, sent),
    switchEnvironment(pacer.lane('us-east-1'), 'us', 2, sent),
  ]);
  await jest.advanceTimersByTimeAsync(slots(2));
  await done;
  expect(at(sent).sort()).toEqual([
    ['eu.1', 0],
    ['eu.2', slots(1)],
    ['us.1', 0],
    ['us.2', slots(1)],
  ]);
});

it("a write throttled in its turn is sent again before the next environment's writes", async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const a = pacer.lane('eu-west-1');
  const second = (async () => {
    await a.turn(2);
    await a.slot();
    sent.push(['a.1', Date.now()]);
    await a.slot();
    a.throttled(); // WAF said no: another writer in the account
    await a.slot(); // the SDK's retry, after its backoff
    sent.push(['a.2 (retry)', Date.now()]);
    a.release();
  })();
  const b = switchEnvironment(pacer.lane('eu-west-1'), 'b', 2, sent);
  await jest.advanceTimersByTimeAsync(slots(6));
  await Promise.all([second, b]);
  expect(at(sent)).toEqual([
    ['a.1', 0],
    ['a.2 (retry)', slots(2)],
    ['b.1', slots(3)],
    ['b.2', slots(4)],
  ]);
});

it('a retry after its turn ended keeps its place ahead of environments still queued', async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const a = pacer.lane('eu-west-1');
  const first = switchEnvironment(a, 'a', 2, sent);
  const b = switchEnvironment(pacer.lane('eu-west-1'), 'b', 2, sent);
  const c = switchEnvironment(pacer.lane('eu-west-1'), 'c', 2, sent);
  await jest.advanceTimersByTimeAsync(slots(2) + 10);
  await first;
  // a's second write came back throttled after its turn ended, b's first is sent: a's retry
  // does not split b's pair, and goes before c's.
  a.throttled();
  const retry = a.slot().then(() => sent.push(['a.2 (retry)', Date.now()]));
  await jest.advanceTimersByTimeAsync(slots(6));
  await Promise.all([b, c, retry]);
  expect(at(sent).map(([w]) => w)).toEqual([
    'a.1',
    'a.2',
    'b.1',
    'b.2',
    'a.2 (retry)',
    'c.1',
    'c.2',
  ]);
});

it('keeps the slot for the writes of the environment whose turn it is until it releases', async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const a = pacer.lane('eu-west-1');
  await a.turn(2);
  const b = switchEnvironment(pacer.lane('eu-west-1'), 'b', 1, sent);
  // a's writes are slow to come (its previous answer is late): b waits rather than cut in.
  await jest.advanceTimersByTimeAsync(slots(5));
  expect(sent).toEqual([]);
  a.release(); // a's writes failed before any was sent
  await jest.advanceTimersByTimeAsync(1);
  await b;
  expect(at(sent)).toEqual([['b.1', slots(5)]]);
});

it('an environment whose deadline passes while it waits leaves the queue with its reason; the next moves up', async () => {
  const pacer = new WritePacer();
  const sent: Sent[] = [];
  const expired = new AbortController();
  const a = switchEnvironment(pacer.lane('eu-west-1'), 'a', 2, sent);
  const late = switchEnvironment(
    pacer.lane('eu-west-1', { signal: expired.signal, excluding: (wait) => wait }),
    'late',
    2,
    sent,
  );
  const c = switchEnvironment(pacer.lane('eu-west-1'), 'c', 2, sent);
  const reason = new Error('deadline');
  const outcome = late.then(
    () => 'switched',
    (error: unknown) => error,
  );
  await jest.advanceTimersByTimeAsync(slots(1));
  expired.abort(reason);
  expect(await outcome).toBe(reason);
  await jest.advanceTimersByTimeAsync(slots(4));
  await Promise.all([a, c]);
  expect(at(sent)).toEqual([
    ['a.1', 0],
    ['a.2', slots(1)],
    ['c.1', slots(2)],
    ['c.2', slots(3)],
  ]);
  expect(jest.getTimerCount()).toBe(0);
});
