import type { FieldError } from '../../../forms/definition.js';
import { textProblem } from '../../../forms/text-safety.js';
import { Conflict, NotFound, ValidationFailed } from '../errors.js';
import type { Municipality, Province, Region, Registry, RegistryItem, SecretariatContact } from '../model.js';
import { authorize, type Principal } from '../policy.js';
import type { AuditStore, Clock, Ids, RegistryStore } from '../ports.js';
import { parseAddresses, quoteList } from './addresses.js';

/**
 * Change contacts (`checkContactChange`, `changeContacts`): what staff edit on the contacts page, one item
 * at a time — a municipality's coordinator addresses (invitations, reminders), or a regietafel's or the
 * province's summary recipients and secretariat (named in every footer, the Reply-To of every email).
 * A regietafel changes its own region and its municipalities; the province every region in it and its
 * own recipients (the policy's `registry:edit`). Addresses are checked one by one with Dutch errors that
 * name the field; the change is written only over the revision the person saw, and audited with what it
 * was and what it became.
 */

/** What the contacts page edits: `gemeente/GM0193`, `regio/ijsselland`, `provincie/overijssel`. */
export type ContactKind = 'gemeente' | 'regio' | 'provincie';
export const contactKinds: readonly ContactKind[] = ['gemeente', 'regio', 'provincie'];

export type ContactField =
  | 'contacts'
  | 'addresses'
  | 'secretariatName'
  | 'secretariatEmail'
  | 'secretariatPhone';

export const contactFieldLabels: Record<ContactField, string> = {
  contacts: 'E-mailadressen voor uitnodigingen en herinneringen',
  addresses: 'E-mailadressen voor het overzicht',
  secretariatName: 'Naam van het secretariaat',
  secretariatEmail: 'E-mailadres van het secretariaat',
  secretariatPhone: 'Telefoonnummer van het secretariaat',
};

export const kindFields: Record<ContactKind, readonly ContactField[]> = {
  gemeente: ['contacts'],
  regio: ['addresses', 'secretariatName', 'secretariatEmail', 'secretariatPhone'],
  provincie: ['addresses', 'secretariatName', 'secretariatEmail', 'secretariatPhone'],
};

/** The most addresses one field takes (a few people, never a mailing list pasted by mistake). */
export const maxAddresses = 10;

export interface ContactTarget {
  readonly kind: ContactKind;
  readonly item: RegistryItem;
  /** `Gemeente Zwolle`, `Regionale Regietafel Vluchtelingen IJsselland`, `Provincie Overijssel`. */
  readonly label: string;
  readonly region?: Region;
  readonly province: Province;
}

/** One field that changes, as the check page, the confirmation and the audit trail show it. */
export interface FieldChange {
  readonly field: ContactField;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** The item a contacts page address names; 404 when there is none. */
export function contactTarget(registry: Registry, kind: string, id: string): ContactTarget {
  const notFound = () =>
    new NotFound(`Er is geen ${kind === 'regio' ? 'regio' : kind} ‘${id.slice(0, 60)}’.`);
  const provinceOf = (provinceId: string) => {
    const province = registry.provinces.find((candidate) => candidate.id === provinceId);
    if (!province) throw notFound();
    return province;
  };
  if (kind === 'gemeente') {
    const municipality = registry.municipalities.find((candidate) => candidate.code === id);
    const region = registry.regions.find((candidate) => candidate.id === municipality?.region);
    if (!municipality || !region) throw notFound();
    return {
      kind,
      item: { kind: 'municipality', value: municipality },
      label: `Gemeente ${municipality.name}`,
      region,
      province: provinceOf(region.province),
    };
  }
  if (kind === 'regio') {
    const region = registry.regions.find((candidate) => candidate.id === id);
    if (!region) throw notFound();
    return {
      kind,
      item: { kind: 'region', value: region },
      label: region.boardName,
      region,
      province: provinceOf(region.province),
    };
  }
  if (kind === 'provincie') {
    const province = provinceOf(id);
    return {
      kind,
      item: { kind: 'province', value: province },
      label: `Provincie ${province.name}`,
      province,
    };
  }
  throw notFound();
}

/** Whether the person may change this item (403 otherwise): the policy's `registry:edit`. */
export function authorizeContactChange(principal: Principal, target: ContactTarget): void {
  authorize(principal, 'registry:edit', { region: target.region?.id, province: target.province.id });
}

/** The current values of a target's fields, as the form shows them (addresses one per line). */
export function contactValues(target: ContactTarget): Record<ContactField, string> {
  const value = target.item.value as Partial<Municipality & Region & Province>;
  const secretariat = value.secretariat;
  return {
    contacts: (value.contacts ?? []).join('\n'),
    addresses: (value.addresses ?? []).join('\n'),
    secretariatName: secretariat?.name ?? '',
    secretariatEmail: secretariat?.email ?? '',
    secretariatPhone: secretariat?.phone ?? '',
  };
}

const phonePattern = /^\+?[0-9][0-9 ()-]*$/;

function addressList(field: ContactField, text: string, errors: FieldError[]): string[] {
  const { addresses, invalid } = parseAddresses(text);
  const label = contactFieldLabels[field];
  if (invalid.length > 0) {
    errors.push({
      path: field,
      message: `${label}: ${quoteList(invalid)} ${invalid.length > 1 ? 'zijn geen geldige e-mailadressen' : 'is geen geldig e-mailadres'}. Schrijf het als naam@organisatie.nl, één adres per regel.`,
    });
  } else if (addresses.length > maxAddresses) {
    errors.push({ path: field, message: `${label}: ten hoogste ${maxAddresses} adressen.` });
  }
  return addresses;
}

function secretariatFrom(
  input: Record<ContactField, string>,
  errors: FieldError[],
): SecretariatContact | undefined {
  const name = input.secretariatName.trim();
  const email = input.secretariatEmail.trim();
  const phone = input.secretariatPhone.trim();
  if (!name && !email && !phone) return undefined;
  if (!name)
    errors.push({
      path: 'secretariatName',
      message: `${contactFieldLabels.secretariatName}: vul een naam in: een persoon of een afdeling, zoals ‘Secretariaat Regietafel’.`,
    });
  else if (name.length > 100)
    errors.push({
      path: 'secretariatName',
      message: `${contactFieldLabels.secretariatName}: ten hoogste 100 tekens.`,
    });
  else {
    // The name goes into the footer of every page and email: the same refusals as any typed answer
    // (control and invisible characters, bidi overrides, a character lost in decoding).
    const problem = textProblem(name, contactFieldLabels.secretariatName, false);
    if (problem) errors.push({ path: 'secretariatName', message: problem });
  }
  const parsed = parseAddresses(email);
  if (!email)
    errors.push({
      path: 'secretariatEmail',
      message: `${contactFieldLabels.secretariatEmail}: vul een e-mailadres in; antwoorden op de e-mails gaan hierheen.`,
    });
  else if (parsed.invalid.length > 0 || parsed.addresses.length !== 1)
    errors.push({
      path: 'secretariatEmail',
      message: `${contactFieldLabels.secretariatEmail}: ‘${email.slice(0, 60)}’ is geen geldig e-mailadres. Schrijf één adres, zoals secretariaat@regietafel.nl.`,
    });
  const digits = phone.replace(/\D/g, '').length;
  if (phone && (!phonePattern.test(phone) || digits < 10 || digits > 15))
    errors.push({
      path: 'secretariatPhone',
      message: `${contactFieldLabels.secretariatPhone}: schrijf tien cijfers, eventueel met spaties of streepjes, bijvoorbeeld 038 425 00 00 of +31 38 425 00 00.`,
    });
  return { name, email: parsed.addresses[0] ?? email, ...(phone ? { phone } : {}) };
}

/** Renders a field's value for the check page and the audit trail. */
function shown(field: ContactField, value: Partial<Municipality & Region & Province>): string {
  switch (field) {
    case 'contacts':
      return (value.contacts ?? []).join(', ');
    case 'addresses':
      return (value.addresses ?? []).join(', ');
    case 'secretariatName':
      return value.secretariat?.name ?? '';
    case 'secretariatEmail':
      return value.secretariat?.email ?? '';
    case 'secretariatPhone':
      return value.secretariat?.phone ?? '';
  }
}

export interface CheckedContactChange {
  readonly target: ContactTarget;
  /** The item as it would be stored. */
  readonly after: RegistryItem;
  readonly changes: readonly FieldChange[];
  readonly errors: readonly FieldError[];
  /** Worth knowing (e.g. a municipality without addresses gets no invitations); never blocking. */
  readonly warnings: readonly string[];
}

/** Checks what was typed (pure): the item it would become, what changes, and every error by field. */
export function checkContactChange(
  target: ContactTarget,
  input: Partial<Record<ContactField, string>>,
): CheckedContactChange {
  const fields = kindFields[target.kind];
  const typed = { ...contactValues(target), ...input } as Record<ContactField, string>;
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  let after: RegistryItem;
  if (target.item.kind === 'municipality') {
    const contacts = addressList('contacts', typed.contacts, errors);
    if (contacts.length === 0)
      warnings.push(
        `Zonder e-mailadres krijgt gemeente ${target.item.value.name} geen uitnodigingen en herinneringen.`,
      );
    after = { kind: 'municipality', value: { ...target.item.value, contacts } };
  } else {
    const addresses = addressList('addresses', typed.addresses, errors);
    const secretariat = secretariatFrom(typed, errors);
    const { secretariat: _old, ...rest } = target.item.value as Region & Province;
    const value = { ...rest, addresses, ...(secretariat ? { secretariat } : {}) };
    after =
      target.item.kind === 'region'
        ? { kind: 'region', value: value as Region }
        : { kind: 'province', value: value as Province };
    if (addresses.length === 0)
      warnings.push(`Zonder e-mailadres voor het overzicht krijgt ${target.label} geen overzichten.`);
    if (!secretariat)
      warnings.push(
        'Zonder secretariaat noemen pagina’s en e-mails geen contactpersoon, en gaan antwoorden op e-mails nergens heen.',
      );
  }
  const before = target.item.value as Partial<Municipality & Region & Province>;
  const next = after.value as Partial<Municipality & Region & Province>;
  const changes = fields
    .map((field) => ({
      field,
      label: contactFieldLabels[field],
      before: shown(field, before),
      after: shown(field, next),
    }))
    .filter((change) => change.before !== change.after);
  return { target, after, changes, errors, warnings };
}

export type ContactChangeResult =
  | { readonly outcome: 'changed'; readonly changes: readonly FieldChange[] }
  | { readonly outcome: 'unchanged' };

/**
 * Stores a checked change over the revision the page showed. A second post of the same change (a double
 * click) finds it stored and does nothing; a change by someone else in between is a 409 (nothing written).
 */
export async function changeContacts(
  deps: { store: RegistryStore & AuditStore; clock: Clock; ids: Ids },
  input: {
    principal: Principal;
    actor: string;
    registry: Registry;
    kind: string;
    id: string;
    fields: Partial<Record<ContactField, string>>;
    /** The revision the person saw (from the form). */
    revision: number;
  },
): Promise<ContactChangeResult> {
  const target = contactTarget(input.registry, input.kind, input.id);
  authorizeContactChange(input.principal, target);
  const checked = checkContactChange(target, input.fields);
  if (checked.errors.length > 0) throw new ValidationFailed(checked.errors);
  const current = target.item.value.revision ?? 0;
  if (input.revision !== current) {
    // The same change posted again (a double click) finds it stored: nothing to do.
    if (checked.changes.length === 0) return { outcome: 'unchanged' };
    throw new Conflict(
      `${target.label} is intussen door iemand anders gewijzigd. Bekijk de nieuwe gegevens en probeer het opnieuw.`,
    );
  }
  if (checked.changes.length === 0) return { outcome: 'unchanged' };
  if (!(await deps.store.putRegistryItem(checked.after, current))) {
    throw new Conflict(
      `${target.label} is intussen door iemand anders gewijzigd. Bekijk de nieuwe gegevens en probeer het opnieuw.`,
    );
  }
  await deps.store.audit({
    at: deps.clock.now().toISOString(),
    id: deps.ids.newId(),
    action: 'contact-changed',
    actor: input.actor,
    ...(target.item.kind === 'municipality' ? { municipality: target.item.value.code } : {}),
    details: {
      item: `${target.kind}:${input.id}`,
      label: target.label,
      ...(target.region ? { region: target.region.id } : {}),
      province: target.province.id,
      fields: checked.changes.map((change) => change.label),
    },
    before: Object.fromEntries(checked.changes.map((change) => [change.field, change.before])),
    after: Object.fromEntries(checked.changes.map((change) => [change.field, change.after])),
  });
  return { outcome: 'changed', changes: checked.changes };
}
