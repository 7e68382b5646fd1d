'use strict';
// Estimates π by throwing random points at the unit square and counting those inside the quarter circle.
// The generator is mulberry32, seeded by the unit's input: every machine that runs a unit counts exactly the same
// hits, so replicas agree and the result can be validated by quorum.

const MAX_SAMPLES = 1e8;

function run(input) {
  const seed = input.seed;
  const samples = input.samples;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError('seed must be an integer from 0 to 4294967295');
  }
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new RangeError('samples must be an integer from 1 to ' + MAX_SAMPLES);
  }

  // mulberry32, inlined: a closure call per number would double the time in an interpreter.
  let state = seed | 0;
  let hits = 0;
  for (let i = 0; i < samples; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;

    state = (state + 0x6d2b79f5) | 0;
    t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const y = ((t ^ (t >>> 14)) >>> 0) / 4294967296;

    if (x * x + y * y < 1) {
      hits++;
    }
  }
  return { seed: seed, samples: samples, hits: hits };
}
