import path from 'node:path';
import { formatDateTime } from '../../forms/format.js';
import { amsterdamTimeOfDay } from '../core/dutch-time.js';
import type { Clock } from '../core/ports.js';
import { parseRetention, retentionSummary } from '../core/retention.js';
import { dependencies, randomIds } from '../http/dependencies.js';
import { runSchedule } from '../jobs/run-schedule.js';
import { startOutboxTimer } from './outbox-timer.js';
import { type RunningPipeline, startPipeline } from './pipeline.js';
import { seed } from './seed.js';
import { exampleLinkPath, openRounds, startPagePath } from './start-page.js';

/**
 * What `npm start` runs (start.ts is its command line): the pipeline, the seed, the scheduled job now and
 * every so many minutes, the outbox sender every minute — and the few lines a newcomer needs, one screen
 * (at most 30 lines, none over 200 characters); everything longer (75 invitation links) is on the local
 * start page. Times in Dutch time, whatever the machine's zone.
 */

export interface LocalRunOptions {
  readonly port: number;
  readonly dynamoPort: number;
  readonly sesPort: number;
  /** Where the data lives (`.data/`); undefined: in memory (tests). */
  readonly dataDir?: string;
  /** How `dataDir` is named in the printed lines (relative to the repository). */
  readonly dataDirLabel?: string;
  readonly clock: Clock;
  /** Where the job's log lines go (console.log for `npm start`). */
  readonly log: (line: string) => void;
  readonly scheduleMinutes: number;
  readonly outboxSeconds: number;
  readonly retention?: string;
}

export interface LocalRun {
  readonly pipeline: RunningPipeline;
  /** The start screen: print it once. */
  readonly lines: readonly string[];
  /** The scheduled job's first run (at start), with its log line. */
  readonly firstJob: Promise<void>;
  stop(): Promise<void>;
}

/** At most this many open rounds are named in the start screen; the start page lists them all. */
const roundsNamed = 5;

export async function startLocalRun(options: LocalRunOptions): Promise<LocalRun> {
  const pipeline = await startPipeline({
    port: options.port,
    dynamoPort: options.dynamoPort,
    sesPort: options.sesPort,
    ...(options.dataDir && {
      dataDir: path.join(options.dataDir, 'dynamodb'),
      staffIssuerFile: path.join(options.dataDir, 'staff-issuer.json'),
      exportDir: path.join(options.dataDir, 'exports'),
    }),
  });
  const { registry } = await seed(pipeline.store, options.clock.now());
  const base = pipeline.baseUrl.replace('127.0.0.1', 'localhost');
  const mailbox = `${pipeline.ses.url.replace('127.0.0.1', 'localhost')}/`;
  const rounds = await openRounds({ store: pipeline.store, clock: options.clock });
  const example = rounds[0];
  const exampleMunicipality = registry.municipalities.find((municipality) =>
    example?.regions.includes(municipality.region),
  );
  const lines = [
    '',
    `Regietafel draait lokaal${options.dataDirLabel ? ` (gegevens in ${options.dataDirLabel}/)` : ''}. Stoppen: Ctrl-C.`,
    '',
    `  Startpagina:  ${base}${startPagePath}`,
    '                alle uitnodigingslinks per ronde en gemeente, aanmelden als staf, het postvak',
    `  Dashboard:    ${base}/staf/rondes  (staf: lokaal aanmelden door een rol te kiezen)`,
    `  Postvak:      ${mailbox}  (alle e-mail die de lokale omgeving verstuurt)`,
    ...(example && exampleMunicipality
      ? [
          `  Voorbeeld:    ${base}${exampleLinkPath(example.id, exampleMunicipality.code)}`,
          `                de uitnodiging van ${exampleMunicipality.name} voor ‘${example.title}’`,
        ]
      : []),
    '',
    rounds.length > 0 ? 'Open rondes (Nederlandse tijd):' : 'Geen open ronde: open er een op het dashboard.',
    ...rounds
      .slice(0, roundsNamed)
      .map((round) => `  ${round.title}, sluit ${formatDateTime(round.deadline)}`),
    ...(rounds.length > roundsNamed
      ? [`  en ${rounds.length - roundsNamed} andere (zie de startpagina)`]
      : []),
    '',
    'Demo-inzendingen, overzichten en herinneringen: npm run demo (in een tweede terminal)',
    'Token voor scripts op /staf/…: npm run admin -- staff-token --role provincie:overijssel',
    `DynamoDB-emulator: ${pipeline.dynamo.url.replace('127.0.0.1', 'localhost')} (tabel ${pipeline.tableName})`,
    '',
  ];

  // The local stand-in for EventBridge Scheduler: the same job, now and then every so many minutes.
  const scheduleDeps = {
    store: pipeline.store,
    mailer: dependencies().mailer,
    clock: options.clock,
    ids: randomIds,
  };
  const runJob = async () => {
    try {
      const result = await runSchedule(scheduleDeps, {
        baseUrl: base,
        retention: parseRetention(options.retention),
      });
      options.log(
        `[planning] ${amsterdamTimeOfDay(options.clock.now())}: ${result.summaries} overzicht(en), ${result.reminders} herinnering(en); uit de wachtrij: ${result.delivered.sent}; ${retentionSummary(result.retention)}`,
      );
    } catch (error) {
      options.log(`[planning] mislukt: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const firstJob = runJob();
  const timer =
    options.scheduleMinutes > 0
      ? setInterval(() => void runJob(), options.scheduleMinutes * 60_000)
      : undefined;
  // And the outbox sender's schedule: every minute, as on AWS (retries with backoff, repairs).
  const outbox = startOutboxTimer(scheduleDeps, {
    baseUrl: base,
    seconds: options.outboxSeconds,
    log: options.log,
  });
  return {
    pipeline,
    lines,
    firstJob,
    stop: async () => {
      if (timer) clearInterval(timer);
      outbox.stop();
      await firstJob;
      await pipeline.stop();
    },
  };
}
