// One cold start, in a fresh Node process: import the bundle, invoke its handler once with the event,
// report how long each took (performance.now() counts from the start of this process), and exit.
// Plain JavaScript, so nothing but the bundle itself is loaded.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  awsRequestId: 'cold-start',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  callbackWaitsForEmptyEventLoop: false,
};
// The same instants on the monotonic clock in microseconds, which V8's CPU profile (--cpu-prof) uses for
// its samples: bench/cold-start-profile.ts splits the samples into import and first invoke by them.
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const startedUs = monotonicUs();
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const importedUs = monotonicUs();
const result = await handler(event, context);
const done = performance.now();
const doneUs = monotonicUs();
// CPU time of this process since it started (Node's own start included): less sensitive than wall time
// to other work on a shared machine.
const cpu = process.cpuUsage();
// On a line of its own, marked: a handler may log to stdout too.
process.stdout.write(
  `\nCOLD-START ${JSON.stringify({
    startMs: started,
    importMs: imported - started,
    invokeMs: done - imported,
    totalMs: done,
    cpuMs: (cpu.user + cpu.system) / 1000,
    status: result?.statusCode,
    marksUs: { started: startedUs, imported: importedUs, done: doneUs },
  })}\n`,
);
process.exit(0);
