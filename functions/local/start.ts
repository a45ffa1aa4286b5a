import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStylesheet } from '../../forms/build-stylesheet.js';
import { PortInUseError } from './emulators.js';

/**
 * `npm start`: the real pipeline on this machine — dynalite with its data in .data/, aws-ses-v2-local with
 * its web mailbox, and the HTTP server with the route table (start-local.ts). Ctrl-C stops everything.
 * It builds the stylesheet and script itself (as `npm run build:css` does), silently, before it loads the
 * pages that name them: no npm pre-script, so the terminal shows npm's two lines and then the one screen.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`${name}=${value} is geen geldige poort (0–65535).`);
    process.exit(1);
  }
  return parsed;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(root, process.env.REGIETAFEL_DATA_DIR ?? '.data');
  // Inside the repository relative to it (`.data`), elsewhere as given: `../../tmp/x` helps nobody.
  const inside = path.relative(root, dataDir);
  const dataDirLabel = inside === '' ? '.' : inside.startsWith('..') ? dataDir : inside;
  await writeStylesheet();
  // Only now: these load the pages, which import the stylesheet's and the script's generated names (a
  // fresh clone whose `npm install` ran no prepare script has none yet).
  const [{ startLocalRun }, { systemClock }] = await Promise.all([
    import('./start-local.js'),
    import('../http/dependencies.js'),
  ]);
  const run = await startLocalRun({
    port: port('PORT', 3000),
    dynamoPort: port('DYNAMODB_PORT', 8000),
    sesPort: port('SES_PORT', 8005),
    dataDir,
    dataDirLabel,
    clock: systemClock,
    log: (line) => console.log(line),
    scheduleMinutes: Number(process.env.REGIETAFEL_SCHEDULE_MINUTES ?? 60),
    outboxSeconds: Number(process.env.REGIETAFEL_OUTBOX_SECONDS ?? 60),
    retention: process.env.RETENTION,
  });
  console.log(run.lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} ontvangen: alles wordt netjes gestopt…`);
    await run.stop();
    console.log(`Gestopt. De gegevens staan in ${dataDirLabel}/ en zijn er bij de volgende start weer.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
