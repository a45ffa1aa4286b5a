import { findForm } from '../../forms/catalogue.js';
import { dutchOrder } from '../../forms/order.js';
import type { MunicipalityResponse } from './aggregation/types.js';
import { NotFound } from './errors.js';
import { type RoundPhase, roundPhase } from './form-context.js';
import type { Municipality, Region, Registry, Round } from './model.js';
import { type Action, isAllowed, type Principal } from './policy.js';
import type { Clock, Store } from './ports.js';
import { takesPart } from './registry/membership.js';

export type ResponseStatus = 'ingezonden' | 'concept' | 'niets';

/** A municipality's response in a round: the same row the aggregates carry (aggregation/types.ts). */
export type MunicipalityStatus = MunicipalityResponse;

export interface RoundStatus {
  readonly round: Round;
  readonly formTitle: string;
  readonly phase: RoundPhase;
  readonly municipalities: MunicipalityStatus[];
  readonly totals: Record<ResponseStatus, number>;
}

/** The regions of a round a principal may see for an action (round status by default, or exports). */
export function visibleRegions(
  principal: Principal,
  round: Round,
  regions: readonly Region[],
  action: Action = 'round:status',
): Region[] {
  return regions.filter(
    (region) =>
      round.regions.includes(region.id) &&
      isAllowed(principal, action, { roundId: round.id, region: region.id, province: region.province }),
  );
}

/**
 * The 404 of a round a staff member cannot see: the same for a round that does not exist and for one of
 * another region, so the answer never tells which rounds exist elsewhere.
 */
export function roundNotVisible(roundId: string): NotFound {
  return new NotFound(`Er is geen ronde ‘${roundId}’ in uw regio of provincie.`);
}

/**
 * A round as a staff member may see it: the round, the registry and the regions of it they see. 404 for
 * an unknown round and for one none of whose regions is theirs (`roundNotVisible`). Callers that walk
 * several rounds pass the registry they already read, and callers that read the round itself pass it.
 */
export async function staffRound(
  deps: { store: Store },
  input: { principal: Principal; roundId: string; registry?: Registry; round?: Round },
): Promise<{ round: Round; registry: Registry; regions: Region[] }> {
  const round = input.round ?? (await deps.store.getRound(input.roundId));
  if (!round) throw roundNotVisible(input.roundId);
  const registry = input.registry ?? (await deps.store.getRegistry());
  const regions = visibleRegions(input.principal, round, registry.regions);
  if (regions.length === 0) throw roundNotVisible(input.roundId);
  return { round, registry, regions };
}

/**
 * Round status (`roundStatus`): per municipality the principal may see — its own region for a regietafel,
 * the whole province for provincial staff — submitted (current version, when, by whom, late, warnings),
 * draft only, or nothing. Drafts never count as submitted.
 */
export async function roundStatus(
  deps: { store: Store; clock: Clock },
  input: { principal: Principal; roundId: string; registry?: Registry; round?: Round },
): Promise<RoundStatus> {
  // The responses are read with the round, not after it: nothing of them is shown before the check.
  const [{ round, registry, regions }, responses] = await Promise.all([
    staffRound(deps, input),
    deps.store.roundResponses(input.roundId),
  ]);
  return statusOf(round, registry, regions, responses, deps.clock.now());
}

function statusOf(
  round: Round,
  registry: Registry,
  regions: readonly Region[],
  { current, drafts }: Awaited<ReturnType<Store['roundResponses']>>,
  now: Date,
): RoundStatus {
  const byMunicipality = new Map(
    current.filter((v) => v.formId === round.formId).map((v) => [v.municipality, v]),
  );
  const draftOf = new Map(drafts.filter((d) => d.formId === round.formId).map((d) => [d.municipality, d]));
  const regionIds = new Set(regions.map((region) => region.id));
  const municipalities = registry.municipalities
    .filter(
      (municipality: Municipality) => regionIds.has(municipality.region) && takesPart(municipality, round),
    )
    .sort((a, b) => dutchOrder(a.region, b.region) || dutchOrder(a.name, b.name))
    .map((municipality): MunicipalityStatus => {
      const version = byMunicipality.get(municipality.code);
      const draft = draftOf.get(municipality.code);
      const base = { code: municipality.code, name: municipality.name, region: municipality.region };
      if (version) {
        return {
          ...base,
          status: 'ingezonden',
          version: version.version,
          submittedAt: version.submittedAt,
          submittedBy: version.submittedBy.name,
          late: version.late,
          warnings: version.warnings?.length ?? 0,
          draftSavedAt: draft && draft.baseVersion >= version.version ? draft.savedAt : undefined,
        };
      }
      return { ...base, status: draft ? 'concept' : 'niets', warnings: 0, draftSavedAt: draft?.savedAt };
    });
  const totals = { ingezonden: 0, concept: 0, niets: 0 };
  for (const municipality of municipalities) totals[municipality.status]++;
  return {
    round,
    formTitle: findForm(round.formId)?.title ?? round.formId,
    phase: roundPhase(round, now),
    municipalities,
    totals,
  };
}

/**
 * The rounds a staff member may see (those covering at least one of their regions), with totals: the
 * rounds as stored now (the list by deadline is an index, which may lag a change just made) in one read,
 * each round's responses in one call, all at once. Callers that listed the rounds already pass them.
 */
export async function listRounds(
  deps: { store: Store; clock: Clock },
  input: { principal: Principal; registry?: Registry; rounds?: readonly Round[] },
): Promise<RoundStatus[]> {
  const listed = input.rounds ?? (await deps.store.listRounds());
  const registry = input.registry ?? (await deps.store.getRegistry());
  const ids = listed
    .filter((round) => visibleRegions(input.principal, round, registry.regions).length > 0)
    .map((round) => round.id);
  const [rounds, ...responses] = await Promise.all([
    deps.store.getRounds(ids),
    ...ids.map((id) => deps.store.roundResponses(id)),
  ]);
  const now = deps.clock.now();
  const byId = new Map(rounds.map((round) => [round.id, round]));
  return ids.flatMap((id, i) => {
    const round = byId.get(id);
    const regions = round ? visibleRegions(input.principal, round, registry.regions) : [];
    return round && regions.length > 0 ? [statusOf(round, registry, regions, responses[i]!, now)] : [];
  });
}
