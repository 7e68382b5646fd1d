// The dedicated worker that runs one compute task: the job's code (which defines run(input)) on one lease's input.
// The page starts a fresh worker for every task, so nothing a task leaves behind reaches the next one, and terminates
// it at the task's time limit. Task code is hostile until proven otherwise: before it runs, everything that could reach
// the network or the viewer's storage is removed from the worker's global scope. The server also sends this script
// with a Content-Security-Policy that allows no connections, no imports and no nested workers
// (src/GridStream.Server/WebApp/WebAppHosting.cs), which covers what deleting globals cannot (e.g. import()).

import type { TaskMessage, WorkerReply } from "./work-protocol";

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<TaskMessage>) => void, options?: { once: boolean }): void;
}

const scope = globalThis as unknown as WorkerScope & Record<string, unknown>;
const post = scope.postMessage.bind(scope);

/** Ways out of the worker: network, storage shared with the viewer's pages, and more workers. */
const Unreachable = [
  "fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts", "indexedDB", "caches",
  "BroadcastChannel", "Worker", "SharedWorker", "navigator", "cookieStore", "storageFoundation", "requestFileSystem",
  "webkitRequestFileSystem", "webkitResolveLocalFileSystemURL", "postMessage",
];

function lockDown(): void {
  for (const name of Unreachable) {
    // Members of the worker's global may live on the scope itself or on its prototypes: remove them everywhere, then
    // pin an undefined value on the scope so nothing can put them back.
    for (let holder: object | null = scope; holder !== null; holder = Object.getPrototypeOf(holder)) {
      try {
        delete (holder as Record<string, unknown>)[name];
      } catch {
        // A non-configurable member stays; the pinned value below shadows it.
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false, enumerable: false });
    } catch {
      // Already pinned.
    }
  }
}

function describe(problem: unknown): string {
  if (problem instanceof Error) return `${problem.name}: ${problem.message}`;
  return String(problem);
}

function runTask(task: TaskMessage): WorkerReply {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  let run: unknown;
  try {
    // Strict mode: `this` is undefined in run, and assignments to undeclared names throw instead of making globals.
    run = new Function(`"use strict";\n${task.code}\n;return typeof run === "function" ? run : undefined;`)();
  } catch (problem) {
    return { kind: "error", error: `the code did not load: ${describe(problem)}`, cpuMillis: elapsed() };
  }
  if (typeof run !== "function") return { kind: "error", error: "the code defines no function run(input)", cpuMillis: elapsed() };

  let output: unknown;
  try {
    output = (run as (input: unknown) => unknown)(JSON.parse(task.inputJson));
  } catch (problem) {
    return { kind: "error", error: `run threw ${describe(problem)}`, cpuMillis: elapsed() };
  }

  let outputJson: string | undefined;
  try {
    outputJson = JSON.stringify(output);
  } catch (problem) {
    return { kind: "error", error: `the output is not JSON: ${describe(problem)}`, cpuMillis: elapsed() };
  }
  if (outputJson === undefined) {
    return { kind: "error", error: `the output is not JSON: run returned ${typeof output}`, cpuMillis: elapsed() };
  }
  const bytes = new TextEncoder().encode(outputJson).length;
  if (bytes > task.maxOutputBytes) {
    return { kind: "error", error: `the output is ${bytes} bytes, over the limit of ${task.maxOutputBytes}`, cpuMillis: elapsed() };
  }
  return { kind: "output", outputJson, cpuMillis: elapsed() };
}

scope.addEventListener("message", (event) => {
  post({ kind: "started" });
  lockDown();
  post(runTask(event.data));
}, { once: true });
