import { mailInScope, mailResource } from '../core/mail-queue.js';
import type { OutboxMail } from '../core/model.js';
import { isAllowed } from '../core/policy.js';
import { contactPath } from '../pages/staff/contacts-page.js';
import type { ContactLink } from '../pages/staff/mail-page.js';
import type { StaffContext } from './staff-actions.js';

/** The rounds' titles, to say on the mail pages what an email is about. */
export async function roundTitles(ctx: StaffContext): Promise<Map<string, string>> {
  return new Map((await ctx.deps.store.listRounds()).map((round) => [round.id, round.title]));
}

/** The mail in this person's scope. */
export const scopedMail = (ctx: StaffContext) =>
  mailInScope(ctx.deps, { principal: ctx.principal, registry: ctx.registry });

/**
 * Where the addresses of an email that did not arrive are corrected: the contacts of the municipality
 * it went to (invitation, reminder, confirmation), or of the region or province whose summary it was —
 * when this person may change them.
 */
export function contactLinks(ctx: StaffContext, mails: readonly OutboxMail[]): Map<string, ContactLink> {
  const links = new Map<string, ContactLink>();
  for (const mail of mails) {
    const resource = mailResource(mail.id, ctx.registry);
    if (!resource || !isAllowed(ctx.principal, 'registry:edit', resource)) continue;
    const municipality = ctx.registry.municipalities.find((m) => m.code === resource.municipality);
    const region = ctx.registry.regions.find((r) => r.id === resource.region);
    const province = ctx.registry.provinces.find((p) => p.id === resource.province);
    const target = municipality
      ? { kind: 'gemeente', id: municipality.code, name: municipality.name }
      : region
        ? { kind: 'regio', id: region.id, name: region.name }
        : province
          ? { kind: 'provincie', id: province.id, name: province.name }
          : undefined;
    if (target) {
      links.set(mail.id, {
        href: contactPath(target.kind, target.id),
        label: `Adressen van ${target.name} aanpassen`,
      });
    }
  }
  return links;
}
