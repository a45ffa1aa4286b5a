import { dynamoDbClient, dynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer, sesClient } from '../adapters/ses-mailer.js';
import { localConfigurationSet } from '../config.js';
import { sendSummaries } from '../core/compile-summaries.js';
import { invitationLinks } from '../core/invitations.js';
import type { Municipality } from '../core/model.js';
import { sendReminders } from '../core/reminders.js';
import { randomIds, systemClock } from '../http/dependencies.js';
import { halfYearOf } from './demo-targets.js';

/**
 * `npm run demo` (with `npm start` running): fills the demo rounds with realistic, clearly labelled demo
 * submissions for the municipalities of both regions — through the public routes, as officials would,
 * with their invitation links — leaves a few missing, amends a few, and then sends the summaries and
 * reminders, so the compiled emails are in the local mailbox within a minute.
 */

process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const baseUrl = `http://localhost:${process.env.PORT ?? 3000}`;
const store = dynamoStore(
  process.env.TABLE_NAME ?? 'regietafel',
  dynamoDbClient({ endpoint: `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}` }),
);
const mailer = new SesMailer(
  'Regietafel Vluchtelingen <noreply@regietafel.example>',
  sesClient({ endpoint: `http://localhost:${process.env.SES_PORT ?? 8005}` }),
  { configurationSet: localConfigurationSet },
);
const deps = { store, mailer, clock: systemClock, ids: randomIds };

/** A small deterministic number from a municipality code, so every run gives the same demo figures. */
function figure(code: string, salt: number, min: number, max: number): number {
  let hash = salt;
  for (const char of code) hash = (hash * 31 + char.charCodeAt(0)) % 100_003;
  return min + (hash % (max - min + 1));
}

function contact(municipality: Municipality) {
  return {
    contactName: `DEMO – coördinator ${municipality.name}`,
    contactEmail: municipality.contacts[0] ?? `demo@${municipality.code.toLowerCase()}.example`,
  };
}

const answersFor: Record<string, (m: Municipality, amended: boolean) => Record<string, unknown>> = {
  'eigen-bijdrage': (m, amended) => {
    const collects = figure(m.code, 1, 0, 9) > 1;
    const adults = figure(m.code, 2, 8, 90) + (amended ? 5 : 0);
    return collects
      ? {
          collects: true,
          collectingSince: `2024-${String(figure(m.code, 3, 7, 12)).padStart(2, '0')}-01`,
          scheduleApplied: '2025-10-01',
          amountOperatingCosts: figure(m.code, 4, 0, 9) === 0 ? 105 : 244.22,
          amountCatering: 252.18,
          incomeVerification: (['eigen-verklaring', 'uwv', 'beide'] as const)[figure(m.code, 5, 0, 2)],
          executedBy: 'gemeente',
          locations: [
            {
              name: `DEMO Opvang ${m.name}`,
              capacity: adults * 2,
              catering: figure(m.code, 6, 0, 1) === 1,
              residents: adults * 2 - 4,
            },
          ],
          adultsFull: adults,
          adultsPartial: figure(m.code, 7, 0, 20),
          adultsCustom: figure(m.code, 8, 0, 3),
          monthlyRevenue: Math.round(adults * 244.22 * 0.9 * 100) / 100,
          remarks: 'DEMO-gegevens, niet echt.',
          ...contact(m),
        }
      : { collects: false, locations: [], remarks: 'DEMO-gegevens, niet echt.', ...contact(m) };
  },
  'sociaal-domein': (m, amended) => ({
    careSituation: 'DEMO: wachtlijsten bij de huisarts voor nieuwkomers.',
    withoutGp: figure(m.code, 11, 0, 40),
    pupilsPrimary: figure(m.code, 12, 5, 120),
    pupilsSecondary: figure(m.code, 13, 2, 60),
    pupilsWaiting: figure(m.code, 14, 0, 15) + (amended ? 3 : 0),
    intakesStarted: figure(m.code, 15, 10, 80),
    intakesFinished: figure(m.code, 16, 5, 60),
    bottlenecks: [
      {
        domain: (['zorg', 'onderwijs', 'werk', 'inburgering'] as const)[figure(m.code, 17, 0, 3)],
        description: 'DEMO: te weinig capaciteit.',
        severity: (['beperkt', 'aanzienlijk', 'ernstig'] as const)[figure(m.code, 18, 0, 2)],
      },
    ],
    supportRequests: [
      {
        domain: 'onderwijs',
        addressee: (['rijk', 'provincie', 'ketenpartners', 'maatschappelijke-organisaties'] as const)[
          figure(m.code, 19, 0, 3)
        ],
        request: 'DEMO: extra middelen voor nieuwkomersonderwijs.',
      },
    ],
    ...contact(m),
  }),
  'voortgang-opgaven': (m, amended) => {
    // The share itself is published data (seeded, see demo-targets.ts); the demo commits a part of a
    // figure of the same size, so the progress bars have something to show.
    const share = figure(m.code, 21, 80, 720);
    const committed = Math.round(share * (figure(m.code, 22, 40, 110) / 100));
    return {
      regularCommitted: committed,
      regularRealised: Math.round(committed * (figure(m.code, 23, 20, 90) / 100)) + (amended ? 10 : 0),
      amvCommitted: Math.round(share * 0.07),
      amvRealised: Math.round(share * 0.04),
      asylumLocations: [
        {
          name: `DEMO Locatie ${m.name}`,
          type: 'azc',
          capacity: committed,
          availableFrom: '2025-07-01',
          phase: (['voornemen', 'besluit', 'ruimtelijke-procedure', 'realisatie', 'operationeel'] as const)[
            figure(m.code, 24, 0, 4)
          ],
        },
      ],
      ukraineCapacity: figure(m.code, 25, 20, 400),
      ukraineOccupied: figure(m.code, 26, 10, 380),
      housing: [
        {
          period: halfYearOf(new Date()),
          task: figure(m.code, 27, 10, 120),
          backlog: figure(m.code, 28, -5, 30),
          housed: figure(m.code, 29, 5, 110),
          ibtColour: (['groen', 'oranje', 'rood'] as const)[figure(m.code, 30, 0, 2)],
        },
      ],
      ...contact(m),
    };
  },
};

async function post(url: string, token: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  return response.status;
}

async function main(): Promise<void> {
  const rounds = (await store.listRounds()).filter((round) => round.id.endsWith('-demo'));
  if (rounds.length === 0) throw new Error('Geen demo-rondes gevonden: start eerst npm start.');
  for (const round of rounds) {
    const links = await invitationLinks(deps, { roundId: round.id, baseUrl, actor: 'npm run demo' });
    let submitted = 0;
    let amended = 0;
    for (const { municipality, url } of links) {
      // A few municipalities are left missing, so the reminders and the "nog niets" list have something to say.
      if (figure(municipality.code, round.formId.length, 0, 9) === 0) continue;
      const token = new URL(url).searchParams.get('code')!;
      const formUrl = `${baseUrl}/formulieren/${round.formId}/${round.id}/${municipality.code}`;
      const current = await store.latestVersion(round.id, round.formId, municipality.code);
      const base = current?.version ?? 0;
      const answers = answersFor[round.formId]!;
      if (base === 0) {
        if ((await post(formUrl, token, { answers: answers(municipality, false), baseVersion: 0 })) === 201)
          submitted++;
      }
      if (figure(municipality.code, 40, 0, 5) === 0 && base <= 1) {
        const from = (await store.latestVersion(round.id, round.formId, municipality.code))?.version ?? 0;
        if ((await post(formUrl, token, { answers: answers(municipality, true), baseVersion: from })) === 201)
          amended++;
      }
    }
    console.log(`${round.title}: ${submitted} ingezonden, ${amended} gewijzigd (DEMO-gegevens).`);
    const sent = await sendSummaries(deps, {
      roundId: round.id,
      period: `demo-${new Date().toISOString()}`,
      dashboardUrl: baseUrl,
      actor: 'npm run demo',
    });
    const reminders = await sendReminders(deps, {
      roundId: round.id,
      period: `demo-${new Date().toISOString().slice(0, 10)}`,
      baseUrl,
      actor: 'npm run demo',
    });
    console.log(`  ${sent.sent.length} overzicht(en) en ${reminders.length} herinnering(en) verstuurd.`);
  }
  console.log(`\nBekijk de e-mails in het postvak: http://localhost:${process.env.SES_PORT ?? 8005}/`);
}

main().catch((error: unknown) => {
  if (
    error instanceof Error &&
    /ECONNREFUSED|fetch failed/.test(`${error.message}${(error as { cause?: Error }).cause?.message ?? ''}`)
  ) {
    console.error('De lokale run is niet bereikbaar. Start eerst npm start (in een ander venster).');
  } else {
    console.error(error);
  }
  process.exit(1);
});
