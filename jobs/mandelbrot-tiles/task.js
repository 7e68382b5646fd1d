'use strict';
// Renders one tile of a Mandelbrot image: for each pixel, how many iterations of z → z² + c it takes to escape
// (maxIterations when it never does), one byte per pixel, base64-encoded row by row. The tiles of a job assemble
// into one PNG (GridStream.Domain.Compute.Samples.MandelbrotImage).

const MAX_SIDE = 16384;
const MAX_TILE_PIXELS = 256 * 256;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function integerIn(value, name, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(name + ' must be an integer from ' + min + ' to ' + max);
  }
  return value;
}

function finite(value, name) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(name + ' must be a finite number');
  }
  return value;
}

function base64(bytes) {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    text += BASE64[triple >>> 18] + BASE64[(triple >>> 12) & 63] + BASE64[(triple >>> 6) & 63] + BASE64[triple & 63];
  }
  const left = bytes.length - i;
  if (left === 1) {
    const single = bytes[i] << 16;
    text += BASE64[single >>> 18] + BASE64[(single >>> 12) & 63] + '==';
  } else if (left === 2) {
    const pair = (bytes[i] << 16) | (bytes[i + 1] << 8);
    text += BASE64[pair >>> 18] + BASE64[(pair >>> 12) & 63] + BASE64[(pair >>> 6) & 63] + '=';
  }
  return text;
}

function run(input) {
  const imageWidth = integerIn(input.imageWidth, 'imageWidth', 1, MAX_SIDE);
  const imageHeight = integerIn(input.imageHeight, 'imageHeight', 1, MAX_SIDE);
  const x = integerIn(input.x, 'x', 0, imageWidth - 1);
  const y = integerIn(input.y, 'y', 0, imageHeight - 1);
  const width = integerIn(input.width, 'width', 1, imageWidth - x);
  const height = integerIn(input.height, 'height', 1, imageHeight - y);
  const maxIterations = integerIn(input.maxIterations, 'maxIterations', 1, 255);
  const centerRe = finite(input.centerRe, 'centerRe');
  const centerIm = finite(input.centerIm, 'centerIm');
  const pixelSize = finite(input.pixelSize, 'pixelSize');
  if (width * height > MAX_TILE_PIXELS) {
    throw new RangeError('a tile may hold at most ' + MAX_TILE_PIXELS + ' pixels');
  }

  const iterations = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    // Pixel centres, measured from the image centre: the same arithmetic on every machine, so replicas agree.
    const cIm = centerIm - (y + row + 0.5 - imageHeight / 2) * pixelSize;
    for (let column = 0; column < width; column++) {
      const cRe = centerRe + (x + column + 0.5 - imageWidth / 2) * pixelSize;
      let zRe = 0;
      let zIm = 0;
      let n = 0;
      while (n < maxIterations) {
        const re2 = zRe * zRe;
        const im2 = zIm * zIm;
        if (re2 + im2 > 4) {
          break;
        }
        zIm = 2 * zRe * zIm + cIm;
        zRe = re2 - im2 + cRe;
        n++;
      }
      iterations[row * width + column] = n;
    }
  }
  return { x: x, y: y, width: width, height: height, maxIterations: maxIterations, iterations: base64(iterations) };
}
