import { TokenBucket } from '../../src/aws/write-pacer.js';

it('lets a burst through at once, then spaces writes at the rate, reserving slots in order', () => {
  const now = 0;
  const bucket = new TokenBucket(1, 2, () => now);
  expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
  // Six more writes arriving together: each waits one second longer than the one before.
  expect(Array.from({ length: 6 }, () => bucket.reserve())).toEqual([
    1000, 2000, 3000, 4000, 5000, 6000,
  ]);
});

it('refills while quiet, never beyond the burst', () => {
  let now = 0;
  const bucket = new TokenBucket(0.5, 2, () => now);
  bucket.reserve();
  bucket.reserve();
  now = 2000; // one token back at 0.5/s
  expect(bucket.reserve()).toBe(0);
  expect(bucket.reserve()).toBe(2000);
  now = 60_000; // a long quiet spell: still only two at once
  expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 2000]);
});
