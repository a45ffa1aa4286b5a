import { findForm } from '../../forms/catalogue.js';
import type { FormDefinition } from '../../forms/definition.js';
import { Forbidden, NotFound } from './errors.js';
import type { Municipality, Principal, Region, Round } from './model.js';
import type { Store } from './ports.js';

export interface FormContextKey {
  readonly formId: string;
  readonly roundId: string;
  readonly municipality: string;
}

export interface ResolvedForm {
  readonly definition: FormDefinition;
  readonly round: Round;
  readonly municipality: Municipality;
  readonly region: Region;
}

/**
 * Looks up the form, the round and the municipality a URL names, and checks they belong together:
 * an unknown form, round or municipality, or a municipality outside the round's regions, is a 404.
 */
export async function resolveForm(store: Store, key: FormContextKey): Promise<ResolvedForm> {
  const definition = findForm(key.formId);
  if (!definition) throw new NotFound(`Het formulier ‘${key.formId}’ bestaat niet.`);
  const [round, municipality] = await Promise.all([
    store.getRound(key.roundId),
    store.getMunicipality(key.municipality),
  ]);
  if (!round || round.formId !== definition.id) {
    throw new NotFound(`Er is geen ronde ‘${key.roundId}’ voor het formulier ‘${definition.title}’.`);
  }
  if (!municipality || !round.regions.includes(municipality.region)) {
    throw new NotFound(`Gemeente ‘${key.municipality}’ doet niet mee aan deze ronde.`);
  }
  const region = await store.getRegion(municipality.region);
  if (!region) throw new NotFound(`De regio van gemeente ${municipality.name} is onbekend.`);
  return { definition, round, municipality, region };
}

/** A municipality may only act for itself, in the round its link is for. */
export function assertActsFor(principal: Principal, key: FormContextKey): void {
  if (principal.municipality !== key.municipality || principal.roundId !== key.roundId) {
    throw new Forbidden(
      'U kunt alleen het formulier van uw eigen gemeente invullen, met de link voor deze ronde.',
    );
  }
}

export type RoundPhase = 'not-open' | 'open' | 'late' | 'closed';

/** Where the round stands at `now`: before opening, open, past the deadline (late allowed) or closed. */
export function roundPhase(round: Round, now: Date): RoundPhase {
  const at = now.toISOString();
  if (at < round.opensAt) return 'not-open';
  if (at <= round.deadline) return 'open';
  return round.acceptsLate ? 'late' : 'closed';
}
