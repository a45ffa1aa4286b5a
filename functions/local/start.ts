import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDateTime } from '../../forms/format.js';
import { invitationLinks } from '../core/invitations.js';
import type { Mailer } from '../core/ports.js';
import { parseRetention, retentionSummary } from '../core/retention.js';
import { dependencies, randomIds, systemClock } from '../http/dependencies.js';
import { runSchedule } from '../jobs/run-schedule.js';
import { PortInUseError } from './emulators.js';
import { startOutboxTimer } from './outbox-timer.js';
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
    staffIssuerFile: path.join(dataDir, 'staff-issuer.json'),
    exportDir: path.join(dataDir, 'exports'),
  });
  const { registry, rounds } = await seed(pipeline.store, systemClock.now());
  const local = (url: string) => url.replace('127.0.0.1', 'localhost');
  const deps = { store: pipeline.store, mailer: unusedMailer, clock: systemClock, ids: randomIds };
  const lines: string[] = ['', 'Regietafel draait lokaal.', ''];
  lines.push(
    'Formulieren: elke link is de persoonlijke uitnodiging van één gemeente (zoals in de e-mail).',
    '',
  );
  for (const round of rounds) {
    lines.push(`Ronde ‘${round.title}’ (${round.id}), sluit ${formatDateTime(round.deadline)}:`);
    const links = await invitationLinks(deps, {
      roundId: round.id,
      baseUrl: local(pipeline.baseUrl),
      actor: 'npm start',
    });
    for (const region of registry.regions.filter((candidate) => round.regions.includes(candidate.id))) {
      lines.push(`  ${region.name}`);
      for (const link of links.filter((candidate) => candidate.municipality.region === region.id)) {
        lines.push(`    ${link.municipality.name.padEnd(18)} ${link.url}`);
      }
    }
    lines.push('');
  }
  lines.push(
    `Dashboard voor de staf (regietafel, provincie): ${local(pipeline.baseUrl)}/staf/rondes`,
    '  aanmelden op de lokale aanmeldpagina (kies een rol; op AWS: Cognito met wachtwoord en MFA)',
    '',
    'Staf: Bearer-tokens voor scripts op /staf/… (8 uur geldig; nieuw: npm run admin -- staff-token --role <rol>)',
  );
  const roles = [
    ...registry.regions.map((region) => `regietafel:${region.id}`),
    ...registry.provinces.map((province) => `provincie:${province.id}`),
  ];
  for (const role of roles) {
    const token = await pipeline.staffIssuer.mint({
      roles: [role],
      email: `${role.replace(':', '.')}@lokaal.example`,
    });
    lines.push(`  ${role.padEnd(24)} ${token}`);
  }
  lines.push(
    `  bijvoorbeeld: curl -H "Authorization: Bearer <token>" ${local(pipeline.baseUrl)}/staf/rondes`,
    `  export:       curl -LOJ -H "Authorization: Bearer <token>" "${local(pipeline.baseUrl)}/staf/formulieren/voortgang-opgaven/export?ronde=voortgang-opgaven-demo"`,
    '',
  );
  lines.push(`Postvak (alle verstuurde e-mail): ${local(pipeline.ses.url)}/`);
  lines.push(
    `DynamoDB-emulator:                ${local(pipeline.dynamo.url)} (tabel ${pipeline.tableName}, gegevens in ${path.relative(root, dataDir) || '.'}/)`,
  );
  lines.push('', 'Stoppen: Ctrl-C', '');
  console.log(lines.join('\n'));

  // The local stand-in for EventBridge Scheduler: the same job, now and then every so many minutes.
  const minutes = Number(process.env.REGIETAFEL_SCHEDULE_MINUTES ?? 60);
  const scheduleDeps = {
    store: pipeline.store,
    mailer: dependencies().mailer,
    clock: systemClock,
    ids: randomIds,
  };
  const runJob = async () => {
    try {
      const result = await runSchedule(scheduleDeps, {
        baseUrl: local(pipeline.baseUrl),
        retention: parseRetention(process.env.RETENTION),
      });
      console.log(
        `[planning] ${new Date().toLocaleTimeString('nl-NL')}: ${result.summaries} overzicht(en), ${result.reminders} herinnering(en) (direct verstuurd); uit de wachtrij nagestuurd: ${result.delivered.sent}; ${retentionSummary(result.retention)}`,
      );
    } catch (error) {
      console.error('[planning] mislukt:', error);
    }
  };
  void runJob();
  const timer = minutes > 0 ? setInterval(() => void runJob(), minutes * 60_000) : undefined;
  // And the outbox sender's schedule: every minute, as on AWS (retries with backoff, repairs).
  const outbox = startOutboxTimer(scheduleDeps, {
    baseUrl: local(pipeline.baseUrl),
    seconds: Number(process.env.REGIETAFEL_OUTBOX_SECONDS ?? 60),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (timer) clearInterval(timer);
    outbox.stop();
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
