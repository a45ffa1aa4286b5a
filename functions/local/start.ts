import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDateTime } from '../../forms/format.js';
import { invitationLinks } from '../core/invitations.js';
import type { Mailer } from '../core/ports.js';
import { randomIds, systemClock } from '../http/dependencies.js';
import { PortInUseError } from './emulators.js';
import { startPipeline } from './pipeline.js';
import { seed } from './seed.js';

/**
 * `npm start`: the real pipeline on this machine — dynalite with its data in .data/, aws-ses-v2-local with
 * its web mailbox, and the HTTP server with the route table. Ctrl-C stops everything.
 */

/** Printing links sends nothing; invitations by email go through `npm run admin -- invite`. */
const unusedMailer: Mailer = {
  send: () => Promise.reject(new Error('npm start verstuurt geen uitnodigingen')),
};

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
  const pipeline = await startPipeline({
    port: port('PORT', 3000),
    dynamoPort: port('DYNAMODB_PORT', 8000),
    sesPort: port('SES_PORT', 8005),
    dataDir: path.join(dataDir, 'dynamodb'),
  });
  const { registry, rounds } = await seed(pipeline.store, systemClock.now());
  const local = (url: string) => url.replace('127.0.0.1', 'localhost');
  const lines: string[] = ['', 'Regietafel draait lokaal.', ''];
  for (const round of rounds) {
    lines.push(`Ronde ‘${round.title}’ (${round.formId}), sluit ${round.deadline}:`);
    for (const region of registry.regions) {
      lines.push(`  ${region.name}`);
      for (const municipality of registry.municipalities.filter(
        (m) => m.region === region.id && round.regions.includes(region.id),
      )) {
        lines.push(
          `    ${municipality.name.padEnd(18)} ${local(pipeline.baseUrl)}/formulieren/${round.formId}/${round.id}/${municipality.code}`,
        );
      }
    }
    lines.push('');
  }
  lines.push(`Postvak (alle verstuurde e-mail): ${local(pipeline.ses.url)}/`);
  lines.push(
    `DynamoDB-emulator:                ${local(pipeline.dynamo.url)} (tabel ${pipeline.tableName}, gegevens in ${path.relative(root, dataDir) || '.'}/)`,
  );
  lines.push('', 'Stoppen: Ctrl-C', '');
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} ontvangen: alles wordt netjes gestopt…`);
    await pipeline.stop();
    console.log('Gestopt. De gegevens staan in .data/ en zijn er bij de volgende start weer.');
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
