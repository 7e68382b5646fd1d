// What a browser can know of its own network for the hub's Register (DESIGN §4). Its address is what the server
// sees; it cannot trace routes or name its CDN edge. Chromium's Network Information API gives an estimate of the
// downlink; the uplink is unknown, so it is declared as a share of that estimate until reports refine the peer's quality.

export interface DeclaredNetwork { cdnEdge: string | null; traceRoute: string[] | null; downKbps: number; upKbps: number }

interface NetworkInformation { downlink?: number }

const UnknownDownKbps = 10_000;

export function browserNetwork(): DeclaredNetwork {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  // downlink is in megabits per second, rounded by the browser; the hub wants whole kilobits per second.
  const downKbps = connection?.downlink ? Math.round(connection.downlink * 1000) : UnknownDownKbps;
  return { cdnEdge: null, traceRoute: null, downKbps, upKbps: Math.floor(downKbps / 4) };
}
