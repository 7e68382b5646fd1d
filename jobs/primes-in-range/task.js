'use strict';
// Counts and sums the primes in [from, to): a sieve of the unit's own segment, crossed off by the primes up to √to.

const MAX_TO = 1e12;
const MAX_SPAN = 1e7;

function integerIn(value, name, min, max) {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(name + ' must be an integer from ' + min + ' to ' + max);
  }
  return value;
}

function primesUpTo(limit) {
  const composite = new Uint8Array(limit + 1);
  const primes = [];
  for (let n = 2; n <= limit; n++) {
    if (composite[n] === 0) {
      primes.push(n);
      for (let multiple = n * n; multiple <= limit; multiple += n) {
        composite[multiple] = 1;
      }
    }
  }
  return primes;
}

function integerSquareRoot(n) {
  let root = Math.floor(Math.sqrt(n));
  while (root * root > n) root--;
  while ((root + 1) * (root + 1) <= n) root++;
  return root;
}

function run(input) {
  const from = integerIn(input.from, 'from', 0, MAX_TO);
  const to = integerIn(input.to, 'to', from, MAX_TO);
  integerIn(to - from, 'to - from', 0, MAX_SPAN);
  const start = Math.max(from, 2);
  let count = 0;
  // The sum can pass 2^53, where numbers stop being exact: count offsets from `start` (small) and add count × start
  // as a BigInt, returned as a decimal string.
  let offsets = 0;
  if (to > start) {
    const composite = new Uint8Array(to - start);
    const primes = primesUpTo(integerSquareRoot(to - 1));
    for (let i = 0; i < primes.length; i++) {
      const p = primes[i];
      let multiple = Math.max(p * p, Math.ceil(start / p) * p);
      for (multiple -= start; multiple < composite.length; multiple += p) {
        composite[multiple] = 1;
      }
    }
    for (let offset = 0; offset < composite.length; offset++) {
      if (composite[offset] === 0) {
        count++;
        offsets += offset;
      }
    }
  }
  const sum = BigInt(count) * BigInt(start) + BigInt(offsets);
  return { from: from, to: to, count: count, sum: sum.toString() };
}
