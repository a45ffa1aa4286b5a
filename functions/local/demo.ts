import { dynamoDbClient, dynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer, sesClient } from '../adapters/ses-mailer.js';
import { localConfigurationSet } from '../config.js';
import { sendSummaries } from '../core/compile-summaries.js';
import { invitationLinks } from '../core/invitations.js';
import { sendReminders } from '../core/reminders.js';
import { randomIds, systemClock } from '../http/dependencies.js';
import { answersFor, figure } from './demo-answers.js';

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

/** A submission the route refused, as the official would have read it (the first one per round is shown). */
interface Refusal {
  readonly municipality: string;
  readonly status: number;
  readonly message: string;
}

async function post(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; refusal?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  if (response.status === 201) return { status: 201 };
  const answer = (await response.json().catch(() => ({}))) as {
    message?: string;
    fieldErrors?: { path: string; message: string }[];
  };
  const fields = answer.fieldErrors?.map((error) => `${error.path}: ${error.message}`).join('; ');
  return { status: response.status, refusal: fields || answer.message || response.statusText };
}

async function main(): Promise<void> {
  const rounds = (await store.listRounds()).filter((round) => round.id.endsWith('-demo'));
  if (rounds.length === 0) throw new Error('Geen demo-rondes gevonden: start eerst npm start.');
  for (const round of rounds) {
    const links = await invitationLinks(deps, { roundId: round.id, baseUrl, actor: 'npm run demo' });
    const answers = answersFor[round.formId];
    if (!answers) {
      console.log(
        `${round.title}: overgeslagen, de demo kent voor formulier ‘${round.formId}’ geen antwoorden (voeg ze toe aan answersFor in functions/local/demo-answers.ts).`,
      );
      continue;
    }
    let submitted = 0;
    let amended = 0;
    const refused: Refusal[] = [];
    const count = (municipality: string, sent: { status: number; refusal?: string }) => {
      if (sent.refusal) refused.push({ municipality, status: sent.status, message: sent.refusal });
      return sent.status === 201 ? 1 : 0;
    };
    for (const { municipality, url } of links) {
      // A few municipalities are left missing, so the reminders and the "nog niets" list have something to say.
      if (figure(municipality.code, round.formId.length, 0, 9) === 0) continue;
      const token = new URL(url).searchParams.get('code')!;
      const formUrl = `${baseUrl}/formulieren/${round.formId}/${round.id}/${municipality.code}`;
      const current = await store.latestVersion(round.id, round.formId, municipality.code);
      const base = current?.version ?? 0;
      if (base === 0) {
        submitted += count(
          municipality.code,
          await post(formUrl, token, { answers: answers(municipality, false), baseVersion: 0 }),
        );
      }
      if (figure(municipality.code, 40, 0, 5) === 0 && base <= 1) {
        const from = (await store.latestVersion(round.id, round.formId, municipality.code))?.version ?? 0;
        amended += count(
          municipality.code,
          await post(formUrl, token, { answers: answers(municipality, true), baseVersion: from }),
        );
      }
    }
    console.log(`${round.title}: ${submitted} ingezonden, ${amended} gewijzigd (DEMO-gegevens).`);
    // A form changed since the demo's answers were written refuses them: say so, with the first reason.
    const [first] = refused;
    if (first) {
      console.log(
        `  Let op: ${refused.length} inzending(en) geweigerd, bijvoorbeeld ${first.municipality} (HTTP ${first.status}): ${first.message}`,
      );
      // Only answers the form refuses (422) are the demo's to fix; a closed round (403), a link (401) or a
      // concurrent run (409) is not.
      if (refused.some((refusal) => refusal.status === 422))
        console.log('  Pas de demo-antwoorden aan in functions/local/demo-answers.ts (answersFor).');
      process.exitCode = 1;
    }
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
