import { stringify } from 'csv-stringify/sync';
import { dutchOrder } from '../../forms/order.js';
import { type CsvDialect, csvOptions, dialects } from './csv-format.js';
import { BadRequest } from './errors.js';
import type { AuditEvent, Registry, Round } from './model.js';
import { isAllowed, type Principal } from './policy.js';
import type { Clock, Store } from './ports.js';
import { staffRound, visibleRegions } from './round-status.js';

/**
 * A round's audit trail for staff (`roundAuditTrail`): who did what, when — submissions and amendments,
 * invitations and links opened or revoked, reminders, summaries, downloads, views of a municipality's
 * answers, changes to the round — filtered by municipality and by action, as a page and as a CSV file in
 * the exports' dialects. A regietafel sees the lines about its own municipalities and the round itself,
 * the province everything in its province; a line about another region's municipality or summary stays
 * hidden (the Dutch *Logboek dataverwerkingen* is itself personal data).
 */

/** Dutch names of the actions; an action without one is shown by its key. */
export const actionLabels: Readonly<Record<string, string>> = {
  submission: 'Ingezonden',
  amendment: 'Gewijzigd en opnieuw ingezonden',
  invitation: 'Uitnodiging gemaakt of verstuurd',
  'invitation-opened': 'Uitnodigingslink geopend',
  revocation: 'Link ingetrokken',
  reminder: 'Herinnering verstuurd',
  'summary-sent': 'Overzicht verstuurd',
  download: 'Export gedownload',
  'submission-viewed': 'Inzending bekeken door staf',
  'mail-resent': 'E-mail opnieuw verstuurd',
  'round-opened': 'Ronde geopend',
  'round-closed': 'Ronde gesloten',
  'round-changed': 'Ronde gewijzigd',
  'round-reopened': 'Ronde heropend',
  'deadline-changed': 'Sluitingsdatum gewijzigd',
  'contact-changed': 'Contactgegevens gewijzigd',
  'registry-imported': 'Register bijgewerkt uit gemeentelijst',
  'registry-seeded': 'Register gevuld',
};

export const actionLabel = (action: string) => actionLabels[action] ?? action;

export interface AuditLine {
  readonly at: string;
  readonly action: string;
  readonly actionLabel: string;
  readonly actor: string;
  readonly municipality?: { readonly code: string; readonly name: string };
  /** What the line says beyond who and what, in words: `versie 2`, `deadline: … → …`. */
  readonly description: string;
}

export interface AuditFilter {
  /** A CBS code. */
  readonly municipality?: string;
  readonly action?: string;
}

export interface RoundAuditTrail {
  readonly round: Round;
  /** Newest first. */
  readonly lines: readonly AuditLine[];
  /** All lines the person may see (before the filter). */
  readonly total: number;
  /** What the filter offers: the actions and municipalities that occur in the visible trail. */
  readonly actions: readonly { readonly value: string; readonly label: string }[];
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  readonly filter: AuditFilter;
}

const value = (item: unknown): string =>
  Array.isArray(item)
    ? item.map(value).join(', ')
    : item === null || item === undefined
      ? '—'
      : typeof item === 'object'
        ? JSON.stringify(item)
        : typeof item === 'boolean'
          ? item
            ? 'ja'
            : 'nee'
          : String(item);

const detailLabels: Readonly<Record<string, string>> = {
  version: 'versie',
  submittedBy: 'door',
  late: 'te laat',
  warnings: 'waarschuwingen',
  sentTo: 'aan',
  invitationId: 'link',
  scope: 'voor',
  period: 'periode',
  recipients: 'aan',
  table: 'tabel',
  versions: 'versies',
  format: 'formaat',
  dialect: 'dialect',
  filename: 'bestand',
  bytes: 'bytes',
  mailId: 'e-mail',
  deadline: 'sluitingsdatum',
  reason: 'reden',
  rows: 'regels',
  action: 'actie',
  municipality: 'gemeente',
  contacts: 'adressen voor uitnodigingen',
  addresses: 'adressen voor het overzicht',
  secretariatName: 'secretariaat',
  secretariatEmail: 'e-mail secretariaat',
  secretariatPhone: 'telefoon secretariaat',
  secretariat: 'secretariaat',
  activeFrom: 'bestaat vanaf',
  activeUntil: 'laatste dag',
  name: 'naam',
  region: 'regio',
};
/** Keys that add nothing for a reader of the trail (ids, the form, the full round settings). */
const skipped = new Set([
  'formId',
  'rounds',
  'delivered',
  'id',
  'regions',
  'title',
  'opensAt',
  'referenceDate',
]);

/** A line's details in words, with what a change changed as `field: before → after`. */
export function describeEvent(event: AuditEvent): string {
  const parts: string[] = [];
  const details = event.details ?? {};
  // An invitation's link is new or the working one again (`link: nieuw`): said with the link's id.
  const linkKind = { nieuw: 'nieuwe link', bestaand: 'bestaande link' }[String(details.link)] ?? 'link';
  for (const [key, item] of Object.entries(details)) {
    if (key === 'link' && typeof details.invitationId === 'string') continue;
    if (skipped.has(key) || item === undefined || (Array.isArray(item) && item.length === 0)) continue;
    if (key === 'invitationId' && typeof item === 'string') parts.push(`${linkKind} ${item.slice(0, 8)}`);
    else parts.push(`${detailLabels[key] ?? key}: ${value(item)}`);
  }
  if (event.action === 'invitation' && Array.isArray(details.sentTo) && details.sentTo.length === 0)
    parts.push('niet gemaild');
  const before = event.before ?? {};
  const after = event.after ?? {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    parts.push(`${detailLabels[key] ?? key}: ${value(before[key] ?? '')} → ${value(after[key] ?? '')}`);
  }
  return parts.join('; ');
}

/** Whether a staff member may see a line of a round they see (regions: the ones of it they see). */
function visibleLine(
  event: AuditEvent,
  principal: Principal,
  regions: ReadonlySet<string>,
  registry: Registry,
): boolean {
  if (event.municipality) {
    const region = registry.municipalities.find((m) => m.code === event.municipality)?.region;
    return region !== undefined && regions.has(region);
  }
  const scope = typeof event.details?.scope === 'string' ? event.details.scope : undefined;
  const [type, id] = scope?.split(':') ?? [];
  if (type === 'region' && id) return regions.has(id);
  if (type === 'province' && id) return isAllowed(principal, 'audit:read', { province: id });
  return true;
}

function checkFilter(filter: AuditFilter): AuditFilter {
  if (filter.municipality !== undefined && !/^GM\d{4}$/.test(filter.municipality))
    throw new BadRequest(
      `Gemeente: ‘${filter.municipality.slice(0, 40)}’ is geen gemeentecode. Kies een gemeente uit de lijst.`,
    );
  if (filter.action !== undefined && !/^[a-z][a-z-]{0,40}$/.test(filter.action))
    throw new BadRequest(`Actie: ‘${filter.action.slice(0, 40)}’ bestaat niet. Kies een actie uit de lijst.`);
  return filter;
}

export async function roundAuditTrail(
  deps: { store: Store; clock: Clock },
  input: { principal: Principal; roundId: string; registry?: Registry; filter: AuditFilter },
): Promise<RoundAuditTrail> {
  const filter = checkFilter(input.filter);
  // 404 for an unknown round, 403 when none of its regions is theirs — as on the round's page.
  const { round, registry } = await staffRound(deps, input);
  const regions = new Set(
    visibleRegions(input.principal, round, registry.regions, 'audit:read').map((region) => region.id),
  );
  const names = new Map(registry.municipalities.map((m) => [m.code, m.name]));
  const visible = (await deps.store.listAudit(round.id))
    .filter((event) => visibleLine(event, input.principal, regions, registry))
    .reverse();
  const lines = visible
    .filter(
      (event) =>
        (!filter.municipality || event.municipality === filter.municipality) &&
        (!filter.action || event.action === filter.action),
    )
    .map(
      (event): AuditLine => ({
        at: event.at,
        action: event.action,
        actionLabel: actionLabel(event.action),
        actor: event.actor,
        ...(event.municipality
          ? { municipality: { code: event.municipality, name: names.get(event.municipality) ?? '' } }
          : {}),
        description: describeEvent(event),
      }),
    );
  const actions = [...new Set(visible.map((event) => event.action))]
    .map((action) => ({ value: action, label: actionLabel(action) }))
    .sort((a, b) => dutchOrder(a.label, b.label));
  const municipalities = [...new Set(visible.flatMap((event) => event.municipality ?? []))]
    .map((code) => ({ code, name: names.get(code) ?? code }))
    .sort((a, b) => dutchOrder(a.name, b.name));
  return { round, lines, total: visible.length, actions, municipalities, filter };
}

/** The trail as a CSV file in one of the exports' dialects (Excel-NL by default). */
export function auditCsv(lines: readonly AuditLine[], dialect: CsvDialect = 'excel-nl'): string {
  const format = dialects[dialect];
  const header = ['Tijdstip', 'Actie', 'Actiecode', 'Door', 'Gemeentecode', 'Gemeente', 'Details'];
  const rows = lines.map((line) => [
    format.timestamp(line.at),
    line.actionLabel,
    line.action,
    line.actor,
    line.municipality?.code ?? '',
    line.municipality?.name ?? '',
    line.description,
  ]);
  return stringify(
    [header, ...rows],
    csvOptions(
      format,
      header.map(() => false),
    ),
  );
}
