// The command's deadline bounds WAF's answers, not the wait for the write pacer's slots (#14).
import { jest } from '@jest/globals';
import { Deadline, WafTimeoutError } from '../../src/aws/deadline.js';
import { SLOT_MS, WritePacer } from '../../src/aws/write-pacer.js';

const endpoint = { url: 'https://wafv2.eu-west-1.amazonaws.com' };

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

it('fires after its timeout with a message naming the endpoint', () => {
  const deadline = new Deadline(2000, endpoint);
  jest.advanceTimersByTime(1999);
  expect(deadline.expired).toBeUndefined();
  jest.advanceTimersByTime(1);
  expect(deadline.expired).toBeInstanceOf(WafTimeoutError);
  expect(deadline.expired!.message).toContain(`${endpoint.url} did not answer within 2 s`);
});

it('says the connection was refused when every attempt until the timeout met ECONNREFUSED', () => {
  const deadline = new Deadline(2000, endpoint);
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
    code: 'ECONNREFUSED',
  });
  deadline.noteFailure(refused);
  jest.advanceTimersByTime(2000);
  expect(deadline.expired?.refused).toBe(true);
  expect(deadline.expired?.message).toContain(
    `${endpoint.url} refused the connection (ECONNREFUSED) on every attempt for 2 s`,
  );
  expect(deadline.expired?.message).not.toContain('did not answer');
});

it('does not count a wait it excludes, and counts the time before and after it', async () => {
  const deadline = new Deadline(1000, endpoint);
  jest.advanceTimersByTime(400);
  const waited = deadline.excluding(sleep(5000));
  expect(deadline.remainingMs()).toBe(600);
  await jest.advanceTimersByTimeAsync(5000);
  await waited;
  expect(deadline.expired).toBeUndefined();
  expect(deadline.remainingMs()).toBe(600);
  jest.advanceTimersByTime(599);
  expect(deadline.expired).toBeUndefined();
  jest.advanceTimersByTime(1);
  expect(deadline.expired).toBeInstanceOf(WafTimeoutError);
});

it('stops the clock from the first of overlapping waits until the last one ends', async () => {
  const deadline = new Deadline(1000, endpoint);
  const first = deadline.excluding(sleep(3000));
  jest.advanceTimersByTime(1000);
  const second = deadline.excluding(sleep(4000)); // ends at 5000
  await jest.advanceTimersByTimeAsync(2000);
  await first;
  expect(deadline.expired).toBeUndefined(); // the second still waits
  await jest.advanceTimersByTimeAsync(2000);
  await second;
  expect(deadline.remainingMs()).toBe(1000);
  jest.advanceTimersByTime(1000);
  expect(deadline.expired).toBeInstanceOf(WafTimeoutError);
});

it('never fires after dispose, even when an excluded wait ends later', async () => {
  const deadline = new Deadline(1000, endpoint);
  const waited = deadline.excluding(sleep(500));
  deadline.dispose();
  await jest.advanceTimersByTimeAsync(5000);
  await waited;
  expect(deadline.expired).toBeUndefined();
});

it('16 environments in one region: ~35 s of pacing, none over a 5 s deadline; a hung call still fails in 5 s', async () => {
  const pacer = new WritePacer();
  const outcomes: string[] = [];
  let hungFailedAt = 0;
  // Each environment: its own deadline, two paced writes that WAF answers in 100 ms.
  const environments = Array.from({ length: 16 }, async (_, i) => {
    const deadline = new Deadline(5000, endpoint);
    if (i === 15) deadline.signal.addEventListener('abort', () => (hungFailedAt = Date.now()));
    const lane = pacer.lane('eu-west-1', deadline);
    try {
      await lane.turn(2);
      await Promise.all(
        [0, 1].map(async () => {
          await lane.slot();
          await sleep(i === 15 ? 60_000 : 100); // the last one's endpoint hangs
          if (deadline.expired) throw deadline.expired;
        }),
      );
      outcomes[i] = 'ok';
    } catch (error) {
      outcomes[i] = error instanceof WafTimeoutError ? 'timeout' : String(error);
    } finally {
      lane.release();
      deadline.dispose();
    }
  });
  const started = Date.now();
  await jest.advanceTimersByTimeAsync(120_000);
  await Promise.all(environments);
  expect(outcomes).toEqual([...Array<string>(15).fill('ok'), 'timeout']);
  const [pacing] = pacer.pacing();
  expect(pacing).toMatchObject({ region: 'eu-west-1', writes: 32 });
  // The last write goes 31 slots after the first (0.9 writes a second, no burst).
  expect(pacing!.longestWaitMs).toBe(31 * SLOT_MS);
  // The hung one fails 5 s after its turn came, not after the other 15's pacing plus 60 s.
  expect(hungFailedAt - started).toBeGreaterThanOrEqual(pacing!.longestWaitMs + 5000 - 1);
  expect(hungFailedAt - started).toBeLessThanOrEqual(pacing!.longestWaitMs + 5000 + 1);
});
