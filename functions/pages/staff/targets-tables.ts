import { formatInteger } from '../../../forms/format.js';
import { dutchOrder } from '../../../forms/order.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { Registry } from '../../core/model.js';
import { figureStatusLabels, type Targets, type TargetsCandidate } from '../../core/targets/model.js';
import { cell, dataTable, headerCell, numberCell, rowHeader } from './components.js';

/** The tables of a publication (overview) or an import about to be published (check page). */

/** `1 gemeente`, `11 gemeenten`. */
export const count = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

function regionsOf(registry: Registry, province: string) {
  return registry.regions.filter((region) => region.province === province);
}

function municipalitiesOf(registry: Registry, province: string) {
  const regions = new Set(regionsOf(registry, province).map((region) => region.id));
  return registry.municipalities
    .filter((municipality) => regions.has(municipality.region))
    .sort((a, b) => dutchOrder(a.name, b.name));
}

const regionName = (registry: Registry, id: string) =>
  registry.regions.find((region) => region.id === id)?.name ?? id;

/** Per region of the province: municipalities with a figure, and the sums (a region's task is its shares' sum). */
export function regionTable(id: string, registry: Registry, targets: Targets | TargetsCandidate): Html {
  const rows = regionsOf(registry, targets.province).map((region) => {
    const codes = new Set(registry.municipalities.filter((m) => m.region === region.id).map((m) => m.code));
    if (targets.kind === 'spreiding') {
      const shares = targets.shares.filter((share) => codes.has(share.municipality));
      const regular = shares.reduce((total, share) => total + share.regular, 0);
      const amv = shares.reduce((total, share) => total + share.amv, 0);
      return html`${rowHeader(region.name)}${numberCell(`${shares.length} van ${codes.size}`)}${numberCell(formatInteger(regular))}${numberCell(formatInteger(amv))}${numberCell(formatInteger(regular + amv))}`;
    }
    const tasks = targets.tasks.filter((task) => codes.has(task.municipality));
    return html`${rowHeader(region.name)}${numberCell(`${tasks.length} van ${codes.size}`)}${numberCell(formatInteger(tasks.reduce((total, task) => total + task.task, 0)))}`;
  });
  const head =
    targets.kind === 'spreiding'
      ? [
          headerCell('Regio'),
          headerCell('Gemeenten met een aandeel', true),
          headerCell('Regulier', true),
          headerCell('AMV', true),
          headerCell('Taak van de regio', true),
        ]
      : [
          headerCell('Regio'),
          headerCell('Gemeenten met een taakstelling', true),
          headerCell('Taakstelling (personen)', true),
        ];
  return dataTable({ id, caption: 'Per regio', head, rows });
}

/** Every municipality of the province with its figure (or none). */
export function municipalityTable(id: string, registry: Registry, targets: Targets | TargetsCandidate): Html {
  const rows = municipalitiesOf(registry, targets.province).map((municipality) => {
    const region = regionName(registry, municipality.region);
    if (targets.kind === 'spreiding') {
      const share = targets.shares.find((candidate) => candidate.municipality === municipality.code);
      return share
        ? html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell(formatInteger(share.regular))}${numberCell(formatInteger(share.amv))}${numberCell(formatInteger(share.regular + share.amv))}${cell(figureStatusLabels[share.status])}`
        : html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell('—')}${numberCell('—')}${numberCell('—')}${cell('geen aandeel')}`;
    }
    const task = targets.tasks.find((candidate) => candidate.municipality === municipality.code);
    return task
      ? html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell(formatInteger(task.task))}${cell(figureStatusLabels[task.status])}`
      : html`${rowHeader(municipality.name)}${cell(municipality.code)}${cell(region)}${numberCell('—')}${cell('geen taakstelling')}`;
  });
  const head =
    targets.kind === 'spreiding'
      ? [
          headerCell('Gemeente'),
          headerCell('Code'),
          headerCell('Regio'),
          headerCell('Regulier', true),
          headerCell('AMV', true),
          headerCell('Aandeel', true),
          headerCell('Status'),
        ]
      : [
          headerCell('Gemeente'),
          headerCell('Code'),
          headerCell('Regio'),
          headerCell('Taakstelling', true),
          headerCell('Status'),
        ];
  return dataTable({ id, caption: 'Per gemeente', head, rows });
}
