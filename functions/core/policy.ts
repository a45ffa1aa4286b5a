import { Forbidden } from './errors.js';
import type { Registry } from './model.js';

/**
 * Who may do what, in one place. Every handler asks `authorize(principal, action, resource)`; use cases
 * receive an authenticated principal, never a raw token.
 *
 * - a municipality (invitation link) may open, draft, submit and view its own form, in the round its link
 *   is for — nothing else;
 * - a regietafel (`regietafel:<region>`) may read status, summaries and exports of its own region;
 * - the province (`provincie:<province>`) may read everything in its province;
 * - sending a summary is for staff of the resource's region or province;
 * - the registry (contacts, summary recipients, the secretariat) is read and changed by staff in scope:
 *   a regietafel its own region and its municipalities, the province every region in it and its own
 *   recipients; importing a municipality list (a merger, a new municipality) is for the province only;
 * - a round's audit trail is read by staff of the round's regions in their scope;
 * - running a round (open, change, close, reopen, invite, remind, re-send mail, read one municipality's
 *   submission) is staff work too: a regietafel acts for its own region, the province for every region
 *   in it. An action on a whole round (its deadline, closing it) concerns every region of the round, so
 *   it needs every one of them (`authorizeEvery`): a regietafel cannot move the deadline of a round that
 *   also runs in another region;
 * - published targets (shares, statushouders tasks) are imported by provincial staff only; a regietafel
 *   may view those of its own province.
 */

export type Principal =
  | {
      readonly kind: 'municipality';
      readonly municipality: string;
      readonly roundId: string;
      /** The invitation (link) it came from, for revocation and the audit trail. */
      readonly invitationId?: string;
      /**
       * The region the link's token names, as a read hint only (the first read fetches it with the
       * municipality); authorization always goes by the stored municipality's region.
       */
      readonly regionHint?: string;
    }
  | {
      readonly kind: 'staff';
      readonly subject: string;
      readonly email?: string;
      readonly roles: readonly StaffRole[];
    };

export type StaffRole =
  | { readonly type: 'regietafel'; readonly region: string }
  | { readonly type: 'provincie'; readonly province: string };

export type Action =
  | 'form:open'
  | 'form:draft'
  | 'form:submit'
  | 'form:view-submission'
  | 'round:status'
  | 'summary:preview'
  | 'summary:send'
  | 'export:download'
  | 'registry:read'
  | 'registry:edit'
  | 'registry:import'
  | 'audit:read'
  | 'round:open'
  | 'round:change'
  | 'invitation:manage'
  | 'reminder:send'
  | 'mail:resend'
  | 'submission:read'
  | 'targets:view'
  | 'targets:import';

/** What an action is about: a municipality's form in a round, or a round's data of a region/province. */
export interface Resource {
  readonly roundId?: string;
  readonly municipality?: string;
  readonly region?: string;
  readonly province: string;
}

const municipalityActions: readonly Action[] = [
  'form:open',
  'form:draft',
  'form:submit',
  'form:view-submission',
];
const staffActions: readonly Action[] = [
  'round:status',
  'summary:preview',
  'summary:send',
  'export:download',
  'registry:read',
  'registry:edit',
  'registry:import',
  'audit:read',
  'round:open',
  'round:change',
  'invitation:manage',
  'reminder:send',
  'mail:resend',
  'submission:read',
  'targets:view',
  'targets:import',
];
/** Actions only provincial staff may take, whatever region a resource names. */
const provinceOnly: readonly Action[] = ['targets:import', 'registry:import'];

/** Parses `regietafel:ijsselland` or `provincie:overijssel`; anything else is no role. */
export function parseRole(value: string): StaffRole | undefined {
  const [type, scope, ...rest] = value.split(':');
  if (!scope || rest.length > 0 || !/^[a-z0-9-]+$/.test(scope)) return undefined;
  if (type === 'regietafel') return { type, region: scope };
  if (type === 'provincie') return { type, province: scope };
  return undefined;
}

/**
 * The system acting for every province of the registry: the scheduled job and the admin CLI read round
 * status with it (people never get it; their roles come from their token).
 */
export function systemPrincipal(registry: Pick<Registry, 'provinces'>, subject: string): Principal {
  return {
    kind: 'staff',
    subject,
    roles: registry.provinces.map((province) => ({ type: 'provincie' as const, province: province.id })),
  };
}

export function isAllowed(principal: Principal | undefined, action: Action, resource: Resource): boolean {
  if (!principal) return false;
  if (principal.kind === 'municipality') {
    return (
      municipalityActions.includes(action) &&
      resource.municipality === principal.municipality &&
      resource.roundId === principal.roundId
    );
  }
  if (!staffActions.includes(action)) return false;
  return principal.roles.some((role) =>
    role.type === 'provincie'
      ? role.province === resource.province
      : !provinceOnly.includes(action) && resource.region !== undefined && role.region === resource.region,
  );
}

/** Throws a Dutch 403 unless allowed. */
export function authorize(principal: Principal | undefined, action: Action, resource: Resource): void {
  if (isAllowed(principal, action, resource)) return;
  if (principal?.kind === 'municipality') {
    throw new Forbidden(
      'U kunt alleen het formulier van uw eigen gemeente invullen, met de link voor deze ronde.',
    );
  }
  throw new Forbidden(
    'U heeft geen toegang tot deze gegevens. Staf ziet alleen de eigen regio of provincie.',
  );
}

/**
 * Throws a Dutch 403 unless the principal may do the action to every one of the resources (an action on a
 * whole round concerns every region in it). An empty list is refused too: there is nothing to act for.
 */
export function authorizeEvery(
  principal: Principal | undefined,
  action: Action,
  resources: readonly Resource[],
): void {
  if (resources.length > 0 && resources.every((resource) => isAllowed(principal, action, resource))) return;
  if (principal?.kind === 'staff' && resources.some((resource) => isAllowed(principal, action, resource))) {
    throw new Forbidden(
      'U heeft geen toegang tot een deel hiervan: het gaat ook over een regio die niet de uwe is. Staf werkt alleen voor de eigen regio of provincie.',
    );
  }
  authorize(principal, action, resources[0] ?? { province: '' });
}

/** How a person appears in the audit trail: their e-mail address (or subject), and for the system its name. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'staff' ? (principal.email ?? principal.subject) : principal.municipality;
}
