import { formatDateTime } from '../../../forms/format.js';
import { type Html, html } from '../../../forms/render/html.js';
import type { RoundAuditTrail } from '../../core/audit-trail.js';
import { cell, dataTable, headerCell } from './components.js';
import { filterSelect } from './registry-fields.js';
import { type SignedInStaff, staffPage } from './shell.js';

/**
 * The audit trail of a round (`/staf/rondes/{roundId}/logboek`): who did what and when, newest first,
 * filtered by municipality and by action with a form that works without JavaScript (GET), and the same
 * selection as a CSV file in the exports' dialects.
 */

export const auditTrailPath = (roundId: string) => `/staf/rondes/${encodeURIComponent(roundId)}/logboek`;

/** The most lines the page shows at once; the CSV has them all. */
export const maxPageLines = 500;

export interface AuditTrailModel {
  readonly staff: SignedInStaff;
  readonly trail: RoundAuditTrail;
}

function query(trail: RoundAuditTrail, extra: Record<string, string>): string {
  const params = new URLSearchParams(
    Object.entries({ gemeente: trail.filter.municipality, actie: trail.filter.action, ...extra }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  return params.size > 0 ? `?${params}` : '';
}

export function renderAuditTrail(model: AuditTrailModel): Html {
  const { trail } = model;
  const path = auditTrailPath(trail.round.id);
  const shown = trail.lines.slice(0, maxPageLines);
  const filtered = trail.filter.municipality !== undefined || trail.filter.action !== undefined;
  return staffPage(
    {
      staff: model.staff,
      title: `Logboek: ${trail.round.title}`,
      back: { href: `/staf/rondes/${encodeURIComponent(trail.round.id)}`, label: trail.round.title },
    },
    html`<h1 class="utrecht-heading-1">Logboek</h1>
<p class="utrecht-paragraph">${trail.round.title}: wie wat deed en wanneer — inzendingen, uitnodigingen, geopende en ingetrokken links, herinneringen, overzichten, downloads, bekeken inzendingen en wijzigingen aan de ronde. Nieuwste eerst.</p>
<form method="get" action="${path}" class="rt-form rt-filter">
${filterSelect({
  name: 'gemeente',
  label: 'Gemeente',
  all: 'Alle gemeenten',
  value: trail.filter.municipality ?? '',
  choices: trail.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` })),
})}
${filterSelect({ name: 'actie', label: 'Actie', all: 'Alle acties', value: trail.filter.action ?? '', choices: trail.actions })}
<div class="utrecht-button-group rt-actions">
<button type="submit" class="utrecht-button utrecht-button--primary-action">Filteren</button>
${filtered ? html`<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${path}">Alles tonen</a>` : ''}
</div>
</form>
<p class="utrecht-paragraph" role="status">${trail.lines.length === trail.total ? `${trail.total} regel${trail.total === 1 ? '' : 's'}` : `${trail.lines.length} van ${trail.total} regels`}${shown.length < trail.lines.length ? `; de nieuwste ${shown.length} staan hieronder, de download heeft ze allemaal` : ''}.</p>
<p class="utrecht-paragraph">
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${path}${query(trail, { formaat: 'csv' })}" download>Download als Excel-bestand (CSV)</a>
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${path}${query(trail, { formaat: 'csv', dialect: 'rfc4180' })}" download>Download als CSV voor andere programma’s</a>
</p>
${
  shown.length === 0
    ? html`<p class="utrecht-paragraph">${filtered ? 'Geen regels voor deze keuze.' : 'Er staat nog niets in het logboek van deze ronde.'}</p>`
    : dataTable({
        id: 'logboek',
        caption: `Logboek van ${trail.round.title}${filtered ? ' (gefilterd)' : ''}`,
        head: [
          headerCell('Wanneer'),
          headerCell('Actie'),
          headerCell('Door'),
          headerCell('Gemeente'),
          headerCell('Details'),
        ],
        rows: shown.map(
          (line) =>
            html`${cell(formatDateTime(line.at))}${cell(line.actionLabel)}${cell(line.actor)}${cell(line.municipality ? `${line.municipality.name} (${line.municipality.code})` : '—')}${cell(line.description || '—')}`,
        ),
      })
}`,
  );
}
