'use strict';
// Proof-of-work search: the smallest nonce in [from, to) whose SHA-256 of "<prefix><nonce>" (UTF-8, nonce in
// decimal) starts with `zeros` hexadecimal zeros. SHA-256 is written out here (FIPS 180-4): the sandbox has no
// crypto API.

const MAX_SPAN = 1e6;
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

function utf8(text) {
  const bytes = [];
  for (const character of text) {
    const code = character.codePointAt(0);
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    } else {
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    }
  }
  return bytes;
}

// The eight 32-bit words of SHA-256(bytes).
function sha256(bytes, w) {
  const bitLength = bytes.length * 8;
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const message = new Uint8Array(blocks * 64);
  message.set(bytes);
  message[bytes.length] = 0x80;
  // Messages here are far below 2^32 bits: the high word of the length stays zero.
  message[message.length - 4] = bitLength >>> 24;
  message[message.length - 3] = (bitLength >>> 16) & 255;
  message[message.length - 2] = (bitLength >>> 8) & 255;
  message[message.length - 1] = bitLength & 255;

  const h = INITIAL.slice();
  for (let block = 0; block < blocks; block++) {
    const base = block * 64;
    for (let i = 0; i < 16; i++) {
      const at = base + i * 4;
      w[i] = (message[at] << 24) | (message[at + 1] << 16) | (message[at + 2] << 8) | message[at + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const choice = (e & f) ^ (~e & g);
      const t1 = (k + S1 + choice + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + majority) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
  }
  return h;
}

function hex(words) {
  let text = '';
  for (let i = 0; i < words.length; i++) {
    text += (words[i] >>> 0).toString(16).padStart(8, '0');
  }
  return text;
}

function startsWithZeros(words, zeros) {
  for (let digit = 0; digit < zeros; digit++) {
    if (((words[digit >> 3] >>> (28 - 4 * (digit & 7))) & 15) !== 0) {
      return false;
    }
  }
  return true;
}

function run(input) {
  const prefix = input.prefix;
  const zeros = input.zeros;
  const from = input.from;
  const to = input.to;
  if (typeof prefix !== 'string' || prefix.length > 256) {
    throw new TypeError('prefix must be a string of at most 256 characters');
  }
  if (!Number.isInteger(zeros) || zeros < 1 || zeros > 64) {
    throw new RangeError('zeros must be an integer from 1 to 64');
  }
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from || to - from > MAX_SPAN) {
    throw new RangeError('from and to must be integers with 0 <= from <= to and to - from <= ' + MAX_SPAN);
  }

  const prefixBytes = utf8(prefix);
  const w = new Int32Array(64);
  for (let nonce = from; nonce < to; nonce++) {
    const digits = String(nonce);
    const bytes = prefixBytes.slice();
    for (let i = 0; i < digits.length; i++) {
      bytes.push(digits.charCodeAt(i));
    }
    const words = sha256(bytes, w);
    if (startsWithZeros(words, zeros)) {
      return { prefix: prefix, zeros: zeros, from: from, to: to, found: true, nonce: nonce, hash: hex(words) };
    }
  }
  return { prefix: prefix, zeros: zeros, from: from, to: to, found: false };
}
