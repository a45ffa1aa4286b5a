import { findForm } from '../../forms/catalogue.js';
import type { FormDefinition } from '../../forms/definition.js';
import { NotFound } from './errors.js';
import type { Municipality, Region, Round } from './model.js';
import { type Action, authorize, type Principal } from './policy.js';
import type { Store } from './ports.js';
import { takesPart } from './registry/membership.js';

export interface FormContextKey {
  readonly formId: string;
  readonly roundId: string;
  readonly municipality: string;
}

/** The form's address on the site: `/formulieren/{formId}/{roundId}/{municipality}`. */
export function formPath(key: FormContextKey): string {
  return `/formulieren/${encodeURIComponent(key.formId)}/${encodeURIComponent(key.roundId)}/${encodeURIComponent(key.municipality)}`;
}

const cached = { cached: true } as const;

export interface ResolvedForm {
  readonly definition: FormDefinition;
  readonly round: Round;
  readonly municipality: Municipality;
  readonly region: Region;
}

/**
 * Looks up the form, the round and the municipality a URL names, and checks they belong together:
 * an unknown form, round or municipality, or a municipality outside the round's regions, is a 404.
 * Round, municipality and region come from this process's copy when it is fresh (see ReadOptions): a
 * round the console closes in another process stops taking answers here within 30 s.
 */
export async function resolveForm(store: Store, key: FormContextKey): Promise<ResolvedForm> {
  const definition = findForm(key.formId);
  if (!definition) throw new NotFound(`Het formulier ‘${key.formId}’ bestaat niet.`);
  const [round, municipality] = await Promise.all([
    store.getRound(key.roundId, cached),
    store.getMunicipality(key.municipality, cached),
  ]);
  if (!round || round.formId !== definition.id) {
    throw new NotFound(`Er is geen ronde ‘${key.roundId}’ voor het formulier ‘${definition.title}’.`);
  }
  if (!municipality || !takesPart(municipality, round)) {
    throw new NotFound(`Gemeente ‘${key.municipality}’ doet niet mee aan deze ronde.`);
  }
  const region = await store.getRegion(municipality.region, cached);
  if (!region) throw new NotFound(`De regio van gemeente ${municipality.name} is onbekend.`);
  return { definition, round, municipality, region };
}

/**
 * Resolves a form for a principal: a municipality's link names one round and one municipality, and a URL
 * naming anything else is a 404 before anything is looked up — so someone else's round or municipality,
 * one that does not exist and an id no round could have (thousands of characters) get the same answer.
 * Then as `resolveForm` + `assertMay`.
 */
/** The answer to a form address that is not the one a municipality's link is for. */
export function notForThisLink(): NotFound {
  return new NotFound(
    'Deze pagina bestaat niet of hoort niet bij uw uitnodigingslink. U kunt alleen het formulier van uw eigen gemeente invullen, met de link voor deze ronde: open het via de link uit uw uitnodiging.',
    'Deze pagina hoort niet bij uw link',
  );
}

export async function resolveFormFor(
  store: Store,
  key: FormContextKey,
  principal: Principal | undefined,
  action: Action,
): Promise<ResolvedForm> {
  if (
    principal?.kind === 'municipality' &&
    (key.roundId !== principal.roundId || key.municipality !== principal.municipality)
  ) {
    throw notForThisLink();
  }
  const resolved = await resolveForm(store, key);
  assertMay(principal, action, resolved);
  return resolved;
}

/** Asks the policy whether the principal may do this to this municipality's form (403 when not). */
export function assertMay(principal: Principal | undefined, action: Action, resolved: ResolvedForm): void {
  authorize(principal, action, {
    roundId: resolved.round.id,
    municipality: resolved.municipality.code,
    region: resolved.region.id,
    province: resolved.region.province,
  });
}

export type RoundPhase = 'not-open' | 'open' | 'late' | 'closed';

/** Where the round stands at `now`: before opening, open, past the deadline (late allowed) or closed. */
export function roundPhase(round: Round, now: Date): RoundPhase {
  const at = now.toISOString();
  if (at < round.opensAt) return 'not-open';
  if (at <= round.deadline) return 'open';
  return round.acceptsLate ? 'late' : 'closed';
}
