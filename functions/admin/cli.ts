import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DomainError } from '../core/errors.js';
import { parseRole } from '../core/policy.js';
import { loadStaffIssuer } from '../local/staff-issuer.js';
import { type Command, type CommandContext, commandContext, UsageError } from './command-context.js';
import { invitationCommands } from './invitation-commands.js';
import { mailCommands } from './mail-commands.js';
import { registryCommands } from './registry-commands.js';
import { roundCommands } from './round-commands.js';
import { importTargets, printTargets, targetsOptions, targetsUsage } from './targets-commands.js';

export { amsterdamTime, UsageError } from './command-context.js';

/**
 * `npm run admin -- <command>`: manage rounds, invitations and staff tokens. Against the local run by
 * default (the emulators of `npm start`); with `--aws` against a deployed stack, using your AWS
 * credentials — the same use cases and adapters either way. Each family of commands has its own file;
 * this one parses the command line and picks the command.
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

async function targetsCommand({ values, deps, store, print, command, admin }: CommandContext): Promise<void> {
  const ctx = {
    deps,
    principal: admin(await store.getRegistry()),
    values,
    print,
    fail: (message: string) => new UsageError(message),
  };
  await (command === 'targets' ? printTargets(ctx) : importTargets(ctx));
}

const commands: Record<string, Command> = {
  ...registryCommands,
  targets: targetsCommand,
  'import-targets': targetsCommand,
  ...roundCommands,
  ...invitationCommands,
  ...mailCommands,
};

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
    if (typeof values.role !== 'string' || values.role === '')
      throw new UsageError(`--role ontbreekt.\n\n${usage}`);
    const role = values.role;
    if (!parseRole(role))
      throw new UsageError(`Onbekende rol ‘${role}’: gebruik regietafel:<regio> of provincie:<provincie>.`);
    if (values.aws)
      throw new UsageError(
        'Op AWS meldt staf zich aan bij Cognito; staff-token is alleen voor de lokale run.',
      );
    // resolve, not join: an absolute REGIETAFEL_DATA_DIR must be used as is (as npm start does).
    const dataDir = path.resolve(root, process.env.REGIETAFEL_DATA_DIR ?? '.data');
    const keyFile = path.join(dataDir, 'staff-issuer.json');
    // npm start makes the key; one made here instead would sign tokens the running server answers with 401.
    if (!existsSync(keyFile))
      throw new UsageError(
        `Geen sleutel van de lokale run in ${dataDir}: start eerst npm start, met dezelfde REGIETAFEL_DATA_DIR als hier.`,
      );
    const issuer = await loadStaffIssuer(keyFile);
    print(
      await issuer.mint({
        roles: [role],
        email: typeof values.email === 'string' ? values.email : undefined,
      }),
    );
    return;
  }
  const chosen = commands[command];
  if (!chosen) throw new UsageError(`Onbekende opdracht ‘${command}’.\n\n${usage}`);
  await chosen(commandContext(command, values, print, usage));
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
