'use strict';
// Runs a sample job's task.js under node, the way the sandbox runs it under Jint: run(input) on each input, the
// result through JSON.stringify. Every input runs twice and the second, JIT-warm pass is timed (the Jint side is
// measured on a warm worker too). Prints {"outputs": [...], "milliseconds": [...]}, node's start-up excluded.
// Usage: node node-task-runner.js jobs/<name>/task.js inputs.json
const fs = require('fs');

const [, , taskPath, inputsPath] = process.argv;
const run = new Function(fs.readFileSync(taskPath, 'utf8') + '\nreturn run;')();
const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
for (const input of inputs) {
  JSON.stringify(run(input));
}
const outputs = [];
const milliseconds = [];
for (const input of inputs) {
  const started = process.hrtime.bigint();
  outputs.push(JSON.stringify(run(input)));
  milliseconds.push(Number(process.hrtime.bigint() - started) / 1e6);
}
process.stdout.write(JSON.stringify({ outputs, milliseconds }));
