import { formatDate } from '../../forms/format.js';
import type { Registry, SecretariatContact } from '../core/model.js';
import { changeSentence, roundEffectSentence } from '../core/registry/describe-changes.js';
import type { ImportPlan } from '../core/registry/import-plan.js';

const contact = (secretariat: SecretariatContact | undefined) =>
  secretariat
    ? `${secretariat.name}, ${secretariat.email}${secretariat.phone ? `, ${secretariat.phone}` : ''}`
    : 'geen secretariaat ingevuld';

/** The registry as the admin CLI prints it: per province its regions, per region its municipalities. */
export function registryLines(registry: Registry): string[] {
  const lines: string[] = [];
  for (const province of registry.provinces) {
    lines.push(
      `Provincie ${province.name} (${province.id})`,
      `  secretariaat: ${contact(province.secretariat)}`,
      `  overzichten aan: ${province.addresses.join(', ') || '—'}`,
    );
    for (const region of registry.regions.filter((candidate) => candidate.province === province.id)) {
      lines.push(
        `  Regio ${region.name} (${region.id}) – ${region.boardName}`,
        `    secretariaat: ${contact(region.secretariat)}`,
        `    overzichten aan: ${region.addresses.join(', ') || '—'}`,
      );
      for (const municipality of registry.municipalities.filter((m) => m.region === region.id)) {
        const period = [
          municipality.activeFrom ? `vanaf ${formatDate(municipality.activeFrom)}` : '',
          municipality.activeUntil ? `opgeheven na ${formatDate(municipality.activeUntil)}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        lines.push(
          `    ${municipality.code} ${municipality.name.padEnd(18)} ${municipality.contacts.join(', ') || '—'}${period ? ` (${period})` : ''}`,
        );
      }
    }
  }
  return lines;
}

/** What an import would change (or changed), as the CLI prints it. */
export function importLines(plan: ImportPlan, now: Date): string[] {
  if (plan.writes.length === 0) return ['Het register klopt al met deze lijst; er verandert niets.'];
  return [
    `Ingangsdatum ${formatDate(plan.effectiveDate)}. Wat er verandert:`,
    ...plan.changes.map((change) => `- ${changeSentence(change, plan.after)}`),
    ...(plan.rounds.length > 0
      ? ['', 'Rondes:', ...plan.rounds.map((effect) => `- ${roundEffectSentence(effect, now)}`)]
      : []),
    ...(plan.warnings.length > 0 ? ['', 'Let op:', ...plan.warnings.map((warning) => `- ${warning}`)] : []),
  ];
}
