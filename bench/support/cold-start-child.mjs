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
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(event, context);
const done = performance.now();
process.stdout.write(
  JSON.stringify({
    startMs: started,
    importMs: imported - started,
    invokeMs: done - imported,
    totalMs: done,
    status: result?.statusCode,
  }),
);
process.exit(0);
