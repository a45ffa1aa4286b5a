/**
 * "Taakstellingen" (`/staf/taakstellingen`): the targets the province publishes — per Spreidingswet cycle the
 * provincial task and every municipality's indicative share, per half year the statushouders tasks — with
 * the sums per region against the provincial task and every earlier revision. Provincial staff import new
 * figures from a CSV (uploaded or pasted): a form, then a check page that names every problem by its line,
 * the sum against the provincial task with any difference, and what changes against the current revision;
 * only *Publiceren* stores anything (a new revision, audited).
 */

export const targetsPath = '/staf/taakstellingen';

/** The import form as typed (strings), carried unchanged by the check page. */
export interface TargetsInput {
  /** `spreiding` or `huisvesting`. */
  readonly kind: string;
  readonly province: string;
  readonly cycle: string;
  /** As typed: `1-2-2024`. */
  readonly effectiveFrom: string;
  readonly taskPlaces: string;
  readonly taskAmvPlaces: string;
  /** `vastgesteld` or `te-bevestigen`. */
  readonly taskStatus: string;
  /** `2026-H1`. */
  readonly period: string;
  readonly source: string;
  /** The file's text (uploaded or pasted). */
  readonly content: string;
  readonly filename: string;
}

export const targetsInputNames: Record<keyof TargetsInput, string> = {
  kind: 'soort',
  province: 'provincie',
  cycle: 'cyclus',
  effectiveFrom: 'ingangsdatum',
  taskPlaces: 'taak',
  taskAmvPlaces: 'taakAmv',
  taskStatus: 'taakStatus',
  period: 'halfjaar',
  source: 'bron',
  content: 'lijst',
  filename: 'bestandsnaam',
};

export const kindLabels: Record<'spreiding' | 'huisvesting', string> = {
  spreiding: 'Indicatieve aandelen asielopvang (Spreidingswet)',
  huisvesting: 'Taakstelling huisvesting statushouders (per halfjaar)',
};

/** The form's fields, so *Publiceren* and *Terug* post them back unchanged. */
export function targetsFields(input: TargetsInput): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, name] of Object.entries(targetsInputNames))
    fields[name] = input[key as keyof TargetsInput];
  return fields;
}
