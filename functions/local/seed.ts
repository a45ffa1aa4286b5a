import type { Registry, Round } from '../core/model.js';
import type { Store } from '../core/ports.js';
import { overijssel } from '../core/registry/overijssel.js';
import { validateRegistry } from '../core/registry/validate-registry.js';

/** The demo round the local run opens: four weeks to fill in, for both Overijssel regions. */
export function demoRound(now: Date): Round {
  const referenceDate = `${now.toISOString().slice(0, 7)}-01`;
  const deadline = new Date(now.getTime() + 28 * 24 * 3600 * 1000);
  deadline.setUTCHours(16, 0, 0, 0); // 17:00 in winter, 18:00 in summer (Amsterdam)
  return {
    id: 'eigen-bijdrage-demo',
    formId: 'eigen-bijdrage',
    title: 'Demo-ronde eigen bijdrage',
    referenceDate,
    opensAt: new Date(now.getTime() - 24 * 3600 * 1000).toISOString(),
    deadline: deadline.toISOString(),
    regions: ['ijsselland', 'twente'],
    acceptsLate: false,
  };
}

/**
 * Seeds the registry (rewritten every start, so a data change shows up) and the demo round (created once,
 * never overwritten: its submissions and deadline survive restarts).
 */
export async function seed(
  store: Store,
  now: Date,
  registry: Registry = overijssel,
): Promise<{ registry: Registry; rounds: Round[] }> {
  validateRegistry(registry);
  await store.putRegistry(registry);
  const round = demoRound(now);
  await store.createRound(round);
  const stored = await store.getRound(round.id);
  return { registry, rounds: stored ? [stored] : [] };
}
