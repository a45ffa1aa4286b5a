import { formatDate, formatDateTime } from '../../../forms/format.js';
import type { Registry } from '../model.js';
import type { RegistryChange, RoundEffect } from './import-plan.js';

/**
 * What an import changes, in Dutch sentences: the check page, its confirmation and the admin CLI say the
 * same thing.
 */

const names = (items: readonly { name: string }[]) => {
  const list = items.map((item) => item.name);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} en ${list.at(-1)}`;
};

export function changeSentence(change: RegistryChange, registry: Registry): string {
  const region = (id: string) => registry.regions.find((candidate) => candidate.id === id)?.name ?? id;
  switch (change.type) {
    case 'province-added':
      return `Nieuwe provincie: ${change.province.name}.`;
    case 'region-added': {
      const province = registry.provinces.find((p) => p.id === change.region.province)?.name;
      return `Nieuwe regio: ${change.region.name} (provincie ${province ?? change.region.province}), met de regietafel ‘${change.region.boardName}’.`;
    }
    case 'municipality-added': {
      const m = change.municipality;
      return `Nieuwe gemeente: ${m.name} (${m.code}) in regio ${region(m.region)}${m.activeFrom ? `, vanaf ${formatDate(m.activeFrom)}` : ''}${m.contacts.length > 0 ? `; uitnodigingen aan ${m.contacts.join(', ')}` : ''}.`;
    }
    case 'municipality-renamed':
      return `${change.code}: de naam wordt ${change.after} (was ${change.before}).`;
    case 'municipality-moved':
      return `${change.name} (${change.code}) gaat van regio ${region(change.before)} naar regio ${region(change.after)}.`;
    case 'contacts-changed':
      return `${change.name} (${change.code}): uitnodigingen en herinneringen gaan naar ${change.after.join(', ')} (was ${change.before.join(', ') || 'geen adres'}).`;
    case 'municipality-ended':
      return `${change.name} (${change.code}) houdt op te bestaan; de laatste dag is ${formatDate(change.lastDay)}. De gemeente blijft staan in de rondes die liepen toen zij nog bestond, met haar inzendingen en links.`;
    case 'municipality-restored':
      return `${change.name} (${change.code}) bestaat weer (de gemeente stond als opgeheven in het register).`;
  }
}

/** What the change means for each round it touches. */
export function roundEffectSentence(effect: RoundEffect, now: Date): string {
  const { round } = effect;
  const open =
    round.opensAt <= now.toISOString() && (round.deadline >= now.toISOString() || round.acceptsLate);
  const parts: string[] = [];
  if (effect.joined.length > 0) {
    parts.push(
      `${names(effect.joined)} ${effect.joined.length === 1 ? 'komt' : 'komen'} erbij${open ? ` en ${effect.joined.length === 1 ? 'moet' : 'moeten'} nog worden uitgenodigd (op de pagina van de ronde)` : ''}`,
    );
  }
  if (effect.left.length > 0) {
    parts.push(
      `${names(effect.left)} ${effect.left.length === 1 ? 'valt' : 'vallen'} eruit (de ronde is nog niet geopend)`,
    );
  }
  return `Ronde ‘${round.title}’ (sluit ${formatDateTime(round.deadline)}): ${parts.join('; ')}.`;
}
