import { codePointOrder } from '../order.js';
/**
 * The cycles of the Spreidingswet (Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen): when a
 * cycle starts, and the window in which its places have to be available. Data, not code: the next cycle
 * (around 2026) is one more row. Source: ../shared/DOMAIN.md (Stb. 2024, 12 and 13; the Commissaris van de
 * Koning's provincial report of 1 November 2024, which counts the places for 1 July 2025 – 1 February 2026).
 */
export interface SpreidingswetCycle {
  /** Name of the cycle, the same as the provincial task's `cycle` (forms/data/provincial-tasks.ts). */
  readonly cycle: string;
  /** ISO date the cycle's tasks were published. */
  readonly effectiveFrom: string;
  /** The period in which the places must be available (ISO dates, both included). */
  readonly window: { readonly from: string; readonly until: string };
  readonly source: string;
}

export const spreidingswetCycles: readonly SpreidingswetCycle[] = [
  {
    cycle: '2024-2026',
    effectiveFrom: '2024-02-01',
    window: { from: '2025-07-01', until: '2026-02-01' },
    source: 'Spreidingswet, eerste cyclus; periode zoals in het provinciaal verslag van 1 november 2024',
  },
];

/** The cycle in force on a date (a round's reference date): the latest that started on or before it. */
export function cycleOn(
  isoDate: string,
  cycles: readonly SpreidingswetCycle[] = spreidingswetCycles,
): SpreidingswetCycle | undefined {
  return [...cycles]
    .filter((cycle) => cycle.effectiveFrom <= isoDate)
    .sort((a, b) => codePointOrder(a.effectiveFrom, b.effectiveFrom))
    .at(-1);
}
