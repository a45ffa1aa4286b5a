import { randomUUID } from 'node:crypto';
import { catalogue, findForm } from '../../forms/catalogue.js';
import type { Registry, Round } from '../core/model.js';
import type { Store } from '../core/ports.js';
import { overijssel } from '../core/registry/overijssel.js';
import { seedRegistry } from '../core/registry/seed-registry.js';
import { seedTargets } from './demo-targets.js';

/** The demo round of a form the local run opens: four weeks to fill in, for both Overijssel regions. */
export function demoRound(now: Date, formId = 'eigen-bijdrage'): Round {
  const definition = findForm(formId);
  if (!definition) throw new Error(`Onbekend formulier: ${formId}`);
  const referenceDate = `${now.toISOString().slice(0, 7)}-01`;
  const deadline = new Date(now.getTime() + 28 * 24 * 3600 * 1000);
  deadline.setUTCHours(16, 0, 0, 0); // 17:00 in winter, 18:00 in summer (Amsterdam)
  return {
    id: `${formId}-demo`,
    formId,
    title: `Demo-ronde ${definition.title.charAt(0).toLowerCase()}${definition.title.slice(1)}`,
    referenceDate,
    opensAt: new Date(now.getTime() - 24 * 3600 * 1000).toISOString(),
    deadline: deadline.toISOString(),
    regions: ['ijsselland', 'twente'],
    acceptsLate: false,
  };
}

/**
 * Seeds the registry on the first start only (afterwards the table is the truth: edits on the contacts page
 * and imports survive every restart), the published targets where there are none yet (known figures plus
 * labelled demo shares, see demo-targets.ts; an import is never overwritten) and one demo round per form
 * (created once, never overwritten: their submissions and deadlines survive restarts). Answers the
 * registry as it is in the table now.
 */
export async function seed(
  store: Store,
  now: Date,
  registry: Registry = overijssel,
): Promise<{ registry: Registry; rounds: Round[]; seeded: boolean }> {
  const seeded = await seedRegistry(
    { store, clock: { now: () => now }, ids: { newId: randomUUID } },
    { registry, actor: 'npm start' },
  );
  await seedTargets(store, await store.getRegistry(), now);
  const rounds: Round[] = [];
  for (const formId of catalogue.keys()) {
    const round = demoRound(now, formId);
    await store.createRound(round);
    const stored = await store.getRound(round.id);
    if (stored) rounds.push(stored);
  }
  return { registry: await store.getRegistry(), rounds, seeded };
}
