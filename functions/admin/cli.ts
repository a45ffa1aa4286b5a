import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { catalogue, findForm } from '../../forms/catalogue.js';
import { formatDateTime } from '../../forms/format.js';
import { dynamoStore } from '../adapters/dynamo-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { awsConfigurationSetName, localConfigurationSet } from '../config.js';
import type { AggregationScope } from '../core/aggregation/types.js';
import { changeRound } from '../core/change-round.js';
import {
  compileSummary,
  manualPeriod,
  roundScopes,
  scopeKey,
  sendSummaries,
} from '../core/compile-summaries.js';
import { parseAmsterdamTime, parseDutchDate } from '../core/dutch-time.js';
import { DomainError, ValidationFailed } from '../core/errors.js';
import { inviteMunicipalities, reissueInvitation, revokeInvitation } from '../core/invitations.js';
import { liftSuppression } from '../core/mail-events.js';
import { resendMail } from '../core/mail-queue.js';
import { openRound } from '../core/open-round.js';
import { type Principal, parseRole, systemPrincipal } from '../core/policy.js';
import { applyImport, previewImport } from '../core/registry/import-registry.js';
import { overijssel } from '../core/registry/overijssel.js';
import { seedRegistry } from '../core/registry/seed-registry.js';
import { staffGroups } from '../core/registry/staff-groups.js';
import { sendReminders } from '../core/reminders.js';
import { parseRetention, retentionSummary } from '../core/retention.js';
import { roundStatus } from '../core/round-status.js';
import { randomIds, systemClock } from '../http/dependencies.js';
import { runSchedule } from '../jobs/run-schedule.js';
import { loadStaffIssuer } from '../local/staff-issuer.js';
import {
  deliveryLines,
  deliveryStatusLabels,
  latestSentTo,
  printSuppressions,
  type RecordedEventType,
  recordedEventFiles,
  recordedEventFor,
  sqsEventOf,
} from './mail-commands.js';
import { importLines, registryLines } from './registry-lines.js';
import { ensureStaffGroups } from './staff-groups.js';
import { importTargets, printTargets, targetsOptions, targetsUsage } from './targets-commands.js';

/**
 * `npm run admin -- <command>`: manage rounds, invitations and staff tokens. Against the local run by
 * default (the emulators of `npm start`); with `--aws` against a deployed stack, using your AWS
 * credentials — the same use cases and adapters either way.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `Gebruik: npm run admin -- <opdracht> [opties]

Opdrachten:
  seed-registry                            zet het register (Overijssel) in de tabel, alleen de eerste keer:
                                           daarna is de tabel de bron en blijven wijzigingen staan
  registry                                 het register: provincies, regio's, gemeenten en hun adressen
  import-registry --file <lijst.csv> --effective <1-1-2027> [--apply]
                                           een gemeentelijst (code;naam;provincie;regio) inlezen: eerst
                                           wat er verandert, met --apply doorvoeren (nieuwe provincie,
                                           herindeling); op de contactenpagina kan de provincie hetzelfde
  staff-groups [--user-pool-id <id>]       de aanmeldgroepen die het register nodig heeft; met --aws worden
                                           ontbrekende groepen in Cognito aangemaakt
${targetsUsage}
  rounds                                   rondes met sluitingsdatum en voortgang
  open-round --form <id> --reference-date <jjjj-mm-dd> --deadline <jjjj-mm-ddTuu:mm>
             [--opens <…>] [--regions ijsselland,twente] [--late] [--id <id>] [--title <titel>]
             [--reminder-days 3]            herinneringen zoveel dagen voor de sluitingsdatum
             [--no-prefill]                 formulieren beginnen leeg (standaard: met de antwoorden
                                            van de vorige ronde, behalve wat bij de ronde hoort)
  change-deadline --round <id> --deadline <jjjj-mm-ddTuu:mm> [--late]
                                           verplaatst de sluitingsdatum (links en herinneringen volgen)
  close-round --round <id>                 sluit een ronde nu (geen late inzendingen meer)
  reopen-round --round <id> --deadline <jjjj-mm-ddTuu:mm> [--late]
                                           zet een gesloten ronde weer open tot de nieuwe datum
  invite --round <id> [--municipality GM0193,…] [--no-email]
                                           mailt de coördinatoren hun link (de geldige, of een nieuwe)
  invitations --round <id>                 uitnodigingen van een ronde (ook ingetrokken)
  revoke --invitation <id>                 trekt één link in
  revoke --round <id> --municipality <code>  trekt alle links van die gemeente voor de ronde in
  reissue --round <id> --municipality <code> trekt de links in en mailt een nieuwe
  remind --round <id> [--municipality GM0193,…]
                                           herinnering nu aan wie nog niet heeft ingezonden
  status --round <id> [--role provincie:overijssel]
                                           per gemeente: ingezonden, concept of niets
  audit [--round <id>]                     het audit-logboek (zonder --round: acties buiten een ronde)
  summary --round <id> [--scope region:ijsselland|province:overijssel] [--send]
                                           het overzicht als tekst (voorbeeld), of nu versturen
  outbox [--failed | --sent]               e-mail die wacht op verzending, die mislukt is, of de laatst
                                           verstuurde met wat SES erover meldde (afgeleverd, onbestelbaar …)
  resend --mail <id>                       een mislukte (of wachtende) e-mail nu opnieuw versturen
  run-schedule                             de geplande taak nu één keer uitvoeren
  mail-event --type bounce|complaint|delivery|reject|delay (--mail <id> | --to <adres>) [--at <tijd>]
  mail-event --file <ses-melding.json>     een SES-melding aan de verwerker geven (lokaal stuurt de
                                           emulator er geen): markeert de e-mail, blokkeert het adres
  suppressions                             adressen op de blokkeerlijst (onbestelbaar, spam gemeld)
  unsuppress --address <adres>             een adres van de blokkeerlijst halen
  staff-token --role <regietafel:regio|provincie:provincie> [--email <adres>]   (alleen lokaal)

Doel: standaard de lokale run (npm start). Met --aws: de uitgerolde stack; zet dan TABLE_NAME, MAIL_FROM
en PUBLIC_BASE_URL (of --table, --mail-from, --base-url) en gebruik uw AWS-inloggegevens.`;

/** A mistake in the command line: printed as is (Dutch), without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `2026-12-18T17:00` (Dutch time) or a full ISO timestamp → ISO in UTC. */
export function amsterdamTime(value: string): string {
  const parsed = parseAmsterdamTime(value);
  if (!parsed)
    throw new UsageError(`‘${value}’ is geen datum of tijd; gebruik bijvoorbeeld 2026-12-18T17:00.`);
  return parsed;
}

function target(values: Record<string, string | boolean | undefined>) {
  const aws = values.aws === true;
  if (!aws) {
    process.env.AWS_REGION ??= 'eu-central-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  const tableName = String(values.table ?? process.env.TABLE_NAME ?? (aws ? '' : 'regietafel'));
  const mailFrom = String(
    values['mail-from'] ??
      process.env.MAIL_FROM ??
      (aws ? '' : 'Regietafel Vluchtelingen <noreply@regietafel.example>'),
  );
  const baseUrl = String(
    values['base-url'] ??
      process.env.PUBLIC_BASE_URL ??
      (aws ? '' : `http://localhost:${process.env.PORT ?? 3000}`),
  );
  if (aws && (!tableName || !mailFrom || !baseUrl)) {
    throw new UsageError(
      'Met --aws zijn TABLE_NAME, MAIL_FROM en PUBLIC_BASE_URL nodig (of --table, --mail-from, --base-url).',
    );
  }
  const dynamo = new DynamoDBClient(
    aws ? {} : { endpoint: `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}` },
  );
  const ses = new SESClient(
    aws
      ? { requestHandler: { requestTimeout: 10_000 } }
      : {
          endpoint: `http://localhost:${process.env.SES_PORT ?? 8005}`,
          requestHandler: { requestTimeout: 10_000 },
        },
  );
  return {
    aws,
    baseUrl,
    tableName,
    deps: {
      store: dynamoStore(tableName, dynamo),
      mailer: new SesMailer(mailFrom, ses, {
        configurationSet:
          process.env.MAIL_CONFIGURATION_SET ?? (aws ? awsConfigurationSetName : localConfigurationSet),
      }),
      clock: systemClock,
      ids: randomIds,
    },
  };
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} ontbreekt.\n\n${usage}`);
  return value;
}

function reminderDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0 || days > 60)
    throw new UsageError('--reminder-days moet een heel getal van 0 tot 60 zijn.');
  return days;
}

function parseScope(text: string): AggregationScope {
  const [type, id] = text.split(':');
  if ((type !== 'region' && type !== 'province') || !id) {
    throw new UsageError('--scope moet region:<regio> of province:<provincie> zijn.');
  }
  return { type, id };
}

const actor = () => `admin:${process.env.USER ?? userInfo().username}`;

/** The CLI acts for every province of the registry (whoever has the credentials to run it). */
const admin = (registry: Parameters<typeof systemPrincipal>[0]): Principal =>
  systemPrincipal(registry, actor());

/** A use case's field errors, printed as the Dutch sentences they are. */
async function fieldErrorsAsUsage<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationFailed)
      throw new UsageError(error.fieldErrors.map((fieldError) => fieldError.message).join('\n'));
    throw error;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean' },
      table: { type: 'string' },
      'mail-from': { type: 'string' },
      'base-url': { type: 'string' },
      form: { type: 'string' },
      'reference-date': { type: 'string' },
      opens: { type: 'string' },
      deadline: { type: 'string' },
      regions: { type: 'string' },
      late: { type: 'boolean' },
      'no-prefill': { type: 'boolean' },
      id: { type: 'string' },
      title: { type: 'string' },
      round: { type: 'string' },
      municipality: { type: 'string' },
      'no-email': { type: 'boolean' },
      invitation: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      scope: { type: 'string' },
      send: { type: 'boolean' },
      failed: { type: 'boolean' },
      mail: { type: 'string' },
      type: { type: 'string' },
      to: { type: 'string' },
      at: { type: 'string' },
      file: { type: 'string' },
      address: { type: 'string' },
      sent: { type: 'boolean' },
      'reminder-days': { type: 'string' },
      effective: { type: 'string' },
      apply: { type: 'boolean' },
      'user-pool-id': { type: 'string' },
      ...targetsOptions,
    },
  });
}

/** node:util's parseArgs errors are English; the CLI answers in Dutch, with the usage. */
function parseArgsError(error: unknown): Error {
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new UsageError(`Onbekende optie ‘${option}’.\n\n${usage}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new UsageError(
      /argument missing/.test((error as Error).message)
        ? `Bij ‘${option}’ hoort een waarde, bijvoorbeeld ${option} <waarde>.`
        : `‘${option}’ heeft geen waarde.`,
    );
  return error as Error;
}

export async function run(argv: string[], print: (line: string) => void = console.log): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw parseArgsError(error);
  }
  const { positionals, values } = parsed;
  const [command] = positionals;
  if (!command || values.help) {
    print(usage);
    return;
  }
  if (command === 'staff-token') {
    const role = required(values, 'role');
    if (!parseRole(role))
      throw new UsageError(`Onbekende rol ‘${role}’: gebruik regietafel:<regio> of provincie:<provincie>.`);
    if (values.aws)
      throw new UsageError(
        'Op AWS meldt staf zich aan bij Cognito; staff-token is alleen voor de lokale run.',
      );
    const issuer = await loadStaffIssuer(
      // resolve, not join: an absolute REGIETAFEL_DATA_DIR must be used as is (as npm start does).
      path.join(path.resolve(root, process.env.REGIETAFEL_DATA_DIR ?? '.data'), 'staff-issuer.json'),
    );
    print(
      await issuer.mint({
        roles: [role],
        email: typeof values.email === 'string' ? values.email : undefined,
      }),
    );
    return;
  }

  const { deps, baseUrl, aws, tableName } = target(values);
  const { store } = deps;
  switch (command) {
    case 'seed-registry': {
      if (!(await seedRegistry(deps, { registry: overijssel, actor: actor() }))) {
        print('Het register stond al in de tabel; er is niets overschreven. Wijzig het op /staf/contacten.');
        return;
      }
      print(
        `Register in de tabel gezet: ${overijssel.provinces.length} provincie, ${overijssel.regions.length} regio's, ${overijssel.municipalities.length} gemeenten. Vul de echte adressen in op /staf/contacten.`,
      );
      return;
    }
    case 'import-registry': {
      const file = required(values, 'file');
      let text: string;
      try {
        text = await readFile(path.resolve(file), 'utf8');
      } catch {
        throw new UsageError(`Het bestand ‘${file}’ is niet te lezen.`);
      }
      const input = { importer: 'admin' as const, text, effectiveDate: required(values, 'effective') };
      const preview = await previewImport(deps, input);
      if (preview.errors.length > 0) {
        throw new UsageError(
          `Niets ingelezen:\n${preview.errors.map((error) => `- ${error.message}`).join('\n')}`,
        );
      }
      const plan = preview.plan!;
      for (const line of importLines(plan, deps.clock.now())) print(line);
      if (plan.writes.length === 0) return;
      if (!values.apply) {
        print('\nNog niets gewijzigd. Voer het door met --apply.');
        return;
      }
      const result = await applyImport(deps, { ...input, actor: actor() });
      print(
        result.outcome === 'applied'
          ? `\nDoorgevoerd: ${result.written} onderdel${result.written === 1 ? '' : 'en'} van het register.`
          : '\nDeze wijzigingen waren al doorgevoerd; er is niets veranderd.',
      );
      return;
    }
    case 'staff-groups': {
      const groups = staffGroups(await store.getRegistry());
      if (!values.aws) {
        for (const group of groups) print(`${group.name.padEnd(28)} ${group.description}`);
        print(
          '\nLokaal zijn geen groepen nodig: de lokale aanmeldpagina biedt elke rol uit het register aan. Op AWS: staff-groups --aws --user-pool-id <StaffUserPoolId>.',
        );
        return;
      }
      const created = await ensureStaffGroups(required(values, 'user-pool-id'), groups);
      for (const group of groups)
        print(`${group.name.padEnd(28)} ${created.includes(group.name) ? 'aangemaakt' : 'bestond al'}`);
      return;
    }
    case 'registry': {
      const registry = await store.getRegistry();
      if (registry.provinces.length === 0)
        print('Het register is leeg. Vul het met: npm run admin -- seed-registry');
      for (const line of registryLines(registry)) print(line);
      return;
    }
    case 'targets':
    case 'import-targets': {
      const ctx = {
        deps,
        principal: admin(await store.getRegistry()),
        values,
        print,
        fail: (message: string) => new UsageError(message),
      };
      await (command === 'targets' ? printTargets(ctx) : importTargets(ctx));
      return;
    }
    case 'rounds': {
      const rounds = await store.listRounds();
      if (rounds.length === 0) print('Er zijn nog geen rondes.');
      const registry = await store.getRegistry();
      const admin = systemPrincipal(registry, 'admin');
      for (const round of rounds) {
        const status = await roundStatus(deps, { principal: admin, roundId: round.id, registry });
        print(
          `${round.id.padEnd(28)} ${round.formId.padEnd(18)} ${status.phase.padEnd(9)} sluit ${formatDateTime(round.deadline)}  ` +
            `ingezonden ${status.totals.ingezonden}, concept ${status.totals.concept}, niets ${status.totals.niets}`,
        );
      }
      return;
    }
    case 'open-round': {
      const formId = required(values, 'form');
      if (!findForm(formId))
        throw new UsageError(
          `Onbekend formulier ‘${formId}’. Kies uit: ${[...catalogue.keys()].join(', ')}.`,
        );
      const referenceDate = required(values, 'reference-date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || !parseDutchDate(referenceDate))
        throw new UsageError('--reference-date moet jjjj-mm-dd zijn.');
      const registry = await store.getRegistry();
      const { round } = await fieldErrorsAsUsage(() =>
        openRound(deps, {
          principal: admin(registry),
          actor: actor(),
          draft: {
            formId,
            referenceDate,
            title: typeof values.title === 'string' ? values.title : undefined,
            id: typeof values.id === 'string' ? values.id : undefined,
            opensAt: values.opens ? amsterdamTime(String(values.opens)) : undefined,
            deadline: amsterdamTime(required(values, 'deadline')),
            regions: values.regions
              ? String(values.regions).split(',')
              : registry.regions.map((region) => region.id),
            acceptsLate: values.late === true,
            prefill: values['no-prefill'] !== true,
            ...(values['reminder-days'] !== undefined && {
              reminderDaysBefore: reminderDays(String(values['reminder-days'])),
            }),
          },
          invite: false,
          baseUrl,
        }),
      );
      print(
        `Ronde ‘${round.id}’ geopend: ${round.title}; sluit ${formatDateTime(round.deadline)}. Nodig de gemeenten uit met: npm run admin -- invite --round ${round.id}`,
      );
      return;
    }
    case 'change-deadline':
    case 'reopen-round':
    case 'close-round': {
      const roundId = required(values, 'round');
      if (!(await store.getRound(roundId))) throw new UsageError(`Er is geen ronde ‘${roundId}’.`);
      const registry = await store.getRegistry();
      const change =
        command === 'close-round'
          ? ({ kind: 'close' } as const)
          : {
              kind: command === 'reopen-round' ? ('reopen' as const) : ('deadline' as const),
              deadline: amsterdamTime(required(values, 'deadline')),
              acceptsLate: values.late === true,
            };
      const { after, links } = await fieldErrorsAsUsage(() =>
        changeRound(deps, { principal: admin(registry), actor: actor(), roundId, change }),
      );
      print(
        command === 'close-round'
          ? `Ronde ‘${roundId}’ is gesloten. Formulieren zijn nu alleen nog te lezen.`
          : `Ronde ‘${roundId}’ sluit nu ${formatDateTime(after.deadline)}${after.acceptsLate ? ' (daarna te laat inzenden toegestaan)' : ''}; ${links} link(s) volgen de nieuwe datum.`,
      );
      return;
    }
    case 'invite': {
      const invited = await inviteMunicipalities(deps, {
        roundId: required(values, 'round'),
        municipalities: values.municipality ? String(values.municipality).split(',') : undefined,
        baseUrl,
        send: values['no-email'] !== true,
        reuse: true,
        actor: actor(),
        principal: admin(await store.getRegistry()),
      });
      for (const { municipality, invitation, url, mail } of invited) {
        const sent = invitation.sentTo
          ? `gemaild naar ${invitation.sentTo.join(', ')} (${mail})`
          : 'niet gemaild';
        print(`${municipality.code} ${municipality.name.padEnd(18)} ${invitation.id}  ${sent}\n    ${url}`);
      }
      return;
    }
    case 'invitations': {
      for (const invitation of await store.listInvitations(required(values, 'round'))) {
        print(
          `${invitation.id}  ${invitation.municipality}  aangemaakt ${formatDateTime(invitation.createdAt)}  ` +
            (invitation.revokedAt
              ? `INGETROKKEN ${formatDateTime(invitation.revokedAt)}`
              : `geldig tot ${formatDateTime(invitation.expiresAt)}`),
        );
      }
      return;
    }
    case 'revoke': {
      const ids =
        typeof values.invitation === 'string'
          ? [values.invitation]
          : (await store.listInvitations(required(values, 'round')))
              .filter(
                (invitation) =>
                  invitation.municipality === required(values, 'municipality') && !invitation.revokedAt,
              )
              .map((invitation) => invitation.id);
      if (ids.length === 0) throw new UsageError('Geen geldige uitnodigingen gevonden om in te trekken.');
      const principal = admin(await store.getRegistry());
      for (const id of ids) {
        const revoked = await revokeInvitation(deps, { invitationId: id, actor: actor(), principal });
        print(`Ingetrokken: ${revoked.id} (${revoked.municipality}, ronde ${revoked.roundId}).`);
      }
      return;
    }
    case 'reissue': {
      const { revoked, invited } = await reissueInvitation(deps, {
        principal: admin(await store.getRegistry()),
        roundId: required(values, 'round'),
        municipality: required(values, 'municipality'),
        baseUrl,
      });
      print(
        `${revoked.length} link(s) ingetrokken; nieuwe link ${invited.invitation.id} ${invited.invitation.sentTo ? `gemaild naar ${invited.invitation.sentTo.join(', ')} (${invited.mail})` : 'niet gemaild: geen adres bekend'}.`,
      );
      return;
    }
    case 'remind': {
      const reminded = await sendReminders(deps, {
        roundId: required(values, 'round'),
        period: manualPeriod(deps.clock.now()),
        baseUrl,
        actor: actor(),
        municipalities: values.municipality ? String(values.municipality).split(',') : undefined,
        principal: admin(await store.getRegistry()),
      });
      if (reminded.length === 0)
        print('Niemand te herinneren: iedereen heeft ingezonden (of er is geen adres).');
      for (const sent of reminded) print(`${sent.municipality} → ${sent.to.join(', ')}: ${sent.delivery}`);
      return;
    }
    case 'status': {
      const role = typeof values.role === 'string' ? parseRole(values.role) : undefined;
      // A mistyped role must not silently fall back to the province's view of everything.
      if (typeof values.role === 'string' && !role)
        throw new UsageError(
          `Onbekende rol ‘${values.role}’: gebruik regietafel:<regio> of provincie:<provincie>.`,
        );
      const registry = await store.getRegistry();
      const status = await roundStatus(deps, {
        principal: role
          ? { kind: 'staff', subject: 'admin', roles: [role] }
          : systemPrincipal(registry, 'admin'),
        roundId: required(values, 'round'),
        registry,
      });
      for (const row of status.municipalities) {
        const detail =
          row.status === 'ingezonden'
            ? `versie ${row.version}, ${formatDateTime(row.submittedAt!)} door ${row.submittedBy}${row.late ? ' (te laat)' : ''}${row.warnings ? `, ${row.warnings} waarschuwing(en)` : ''}`
            : row.status === 'concept'
              ? `concept opgeslagen ${formatDateTime(row.draftSavedAt!)}`
              : '';
        print(`${row.code} ${row.name.padEnd(18)} ${row.status.padEnd(11)} ${detail}`);
      }
      return;
    }
    case 'summary': {
      const round = await store.getRound(required(values, 'round'));
      if (!round) throw new UsageError(`Er is geen ronde ‘${values.round}’.`);
      const registry = await store.getRegistry();
      const scopes =
        typeof values.scope === 'string' ? [parseScope(values.scope)] : roundScopes(round, registry);
      if (values.send) {
        const run = await sendSummaries(deps, {
          roundId: round.id,
          period: manualPeriod(deps.clock.now()),
          scopes,
          dashboardUrl: baseUrl,
          actor: actor(),
        });
        for (const sent of run.sent) print(`${scopeKey(sent.scope)} → ${sent.recipient}: ${sent.delivery}`);
        for (const scope of run.empty)
          print(`${scopeKey(scope)}: niet verstuurd, er is nog niets ingezonden`);
        return;
      }
      for (const scope of scopes) {
        const summary = await compileSummary(deps, { round, registry, scope, dashboardUrl: baseUrl });
        print(
          `Aan: ${summary.recipients.join(', ')}\nOnderwerp: ${summary.subject}\nBijlagen: ${summary.attachments.map((a) => a.filename).join(', ') || 'geen'}\n\n${summary.text}\n`,
        );
      }
      return;
    }
    case 'outbox': {
      if (values.sent) {
        const sent = await store.listSentMail({ limit: 20 });
        if (sent.length === 0) print('Er is nog geen e-mail verstuurd.');
        for (const mail of sent) {
          print(
            `${mail.id}\n    ${mail.subject} → ${mail.to.join(', ')}; verstuurd ${formatDateTime(mail.sentAt!)}: ${deliveryStatusLabels[mail.deliveryStatus ?? 'sent']}`,
          );
          for (const line of deliveryLines(mail)) print(`      ${line}`);
        }
        return;
      }
      const mails = await store.listMail(values.failed ? 'failed' : 'pending');
      if (mails.length === 0) print(values.failed ? 'Geen mislukte e-mail.' : 'Er wacht geen e-mail.');
      for (const mail of mails) {
        print(
          `${mail.id}\n    ${mail.subject} → ${mail.to.join(', ')}; pogingen ${mail.attempts}${mail.lastError ? `; laatste fout: ${mail.lastError}` : ''}`,
        );
      }
      return;
    }
    case 'resend': {
      const id = required(values, 'mail');
      const { outcome } = await resendMail(deps, {
        principal: admin(await store.getRegistry()),
        mailId: id,
        actor: actor(),
      });
      print(`Opnieuw verstuurd: ${id} → ${outcome}`);
      return;
    }
    case 'mail-event': {
      if (!aws) {
        // The handler builds its own store from these, exactly as on AWS.
        process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`;
      }
      process.env.TABLE_NAME = tableName;
      process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
      let payload: unknown;
      let mailId: string | undefined;
      if (typeof values.file === 'string') {
        payload = JSON.parse(readFileSync(values.file, 'utf8'));
      } else {
        const type = required(values, 'type');
        if (!(type in recordedEventFiles))
          throw new UsageError(`--type moet een van ${Object.keys(recordedEventFiles).join(', ')} zijn.`);
        const to = typeof values.to === 'string' ? values.to : undefined;
        const mail =
          typeof values.mail === 'string'
            ? await store.getMail(values.mail)
            : to
              ? await latestSentTo(store, to)
              : undefined;
        if (!mail)
          throw new UsageError(
            typeof values.mail === 'string' || to
              ? `Geen verstuurde e-mail gevonden${to ? ` aan ${to}` : ''}: zie npm run admin -- outbox --sent.`
              : '--mail <id> of --to <adres> ontbreekt.',
          );
        if (mail.status !== 'sent' || !mail.messageId)
          throw new UsageError(
            `E-mail ‘${mail.id}’ is (nog) niet verstuurd: SES meldt alleen iets over verstuurde e-mail.`,
          );
        if (to && !mail.to.some((address) => address.toLowerCase() === to.toLowerCase()))
          throw new UsageError(`E-mail ‘${mail.id}’ ging niet naar ${to} maar naar ${mail.to.join(', ')}.`);
        const at = typeof values.at === 'string' ? amsterdamTime(values.at) : deps.clock.now().toISOString();
        payload = recordedEventFor(type as RecordedEventType, mail, { ...(to && { to }), at });
        mailId = mail.id;
      }
      const { handler } = await import('../jobs/handlers/record-mail-events.js');
      const result = await handler(sqsEventOf([payload]));
      if (result.batchItemFailures.length > 0)
        throw new UsageError(
          'De verwerker kon deze SES-melding niet verwerken (zie de foutmelding hierboven).',
        );
      const mail = mailId ? await store.getMail(mailId) : undefined;
      print(
        mail
          ? `Verwerkt: ${mail.id} is nu ‘${deliveryStatusLabels[mail.deliveryStatus ?? 'sent']}’.`
          : 'Verwerkt (de melding noemt geen e-mail van de outbox; onbestelbare adressen zijn wel geblokkeerd).',
      );
      for (const line of mail ? deliveryLines(mail) : []) print(`    ${line}`);
      return;
    }
    case 'suppressions': {
      await printSuppressions(store, print);
      return;
    }
    case 'unsuppress': {
      const address = required(values, 'address');
      if (!(await liftSuppression(deps, { address, actor: actor() })))
        throw new UsageError(`${address} staat niet op de blokkeerlijst.`);
      print(
        aws
          ? `${address} is van de blokkeerlijst gehaald. Haal het ook van de SES-lijst van het account: aws sesv2 delete-suppressed-destination --email-address ${address}`
          : `${address} is van de blokkeerlijst gehaald.`,
      );
      return;
    }
    case 'run-schedule': {
      const result = await runSchedule(deps, { baseUrl, retention: parseRetention(process.env.RETENTION) });
      print(
        `${result.summaries} overzicht(en), ${result.reminders} herinnering(en); verstuurd: ${JSON.stringify(result.delivered)}; ${retentionSummary(result.retention)}`,
      );
      return;
    }
    case 'audit': {
      for (const event of await store.listAudit(
        typeof values.round === 'string' ? values.round : undefined,
      )) {
        print(
          `${formatDateTime(event.at)}  ${event.action.padEnd(14)} ${event.actor.padEnd(24)} ${event.municipality ?? ''} ${event.details ? JSON.stringify(event.details) : ''}`,
        );
      }
      return;
    }
    default:
      throw new UsageError(`Onbekende opdracht ‘${command}’.\n\n${usage}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof DomainError) {
      console.error(error.message);
    } else if (
      error instanceof Error &&
      /ECONNREFUSED/.test(`${error.message}${(error as { cause?: Error }).cause?.message ?? ''}`)
    ) {
      console.error('De lokale run is niet bereikbaar. Start eerst: npm start (of gebruik --aws).');
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
