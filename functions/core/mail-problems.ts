import type { Municipality, SubmissionVersion, Suppression } from './model.js';
import type { MailEventStore } from './ports.js';

/** An address of a municipality that our mail cannot reach: staff should correct it. */
export interface MailProblem {
  readonly address: string;
  /**
   * Whose it is: the municipality's coordinator (invitations and reminders go there) or the official who
   * filled in the current version (the confirmation went there).
   */
  readonly role: 'contact' | 'invuller';
  readonly reason: Suppression['reason'];
  readonly at: string;
  readonly detail?: string;
}

/**
 * Per municipality, its addresses on the suppression list (`mailProblemsByMunicipality`): the coordinators'
 * addresses of the registry and the address of whoever submitted the current version. Municipalities
 * without a problem are left out.
 */
export async function mailProblemsByMunicipality(
  deps: { store: Pick<MailEventStore, 'listSuppressions'> },
  input: {
    municipalities: readonly Municipality[];
    /** The current versions (who submitted them), read only when some address is on the list at all. */
    current: () => Promise<readonly SubmissionVersion[]>;
  },
): Promise<Map<string, MailProblem[]>> {
  const suppressions = new Map(
    (await deps.store.listSuppressions()).map((suppression) => [
      suppression.address.toLowerCase(),
      suppression,
    ]),
  );
  const problems = new Map<string, MailProblem[]>();
  if (suppressions.size === 0) return problems;
  const submitter = new Map(
    (await input.current()).map((version) => [version.municipality, version.submittedBy.email]),
  );
  for (const municipality of input.municipalities) {
    const found: MailProblem[] = [];
    const addresses: [string, MailProblem['role']][] = [
      ...municipality.contacts.map((address): [string, MailProblem['role']] => [address, 'contact']),
      ...(submitter.has(municipality.code)
        ? [[submitter.get(municipality.code)!, 'invuller'] as [string, MailProblem['role']]]
        : []),
    ];
    const seen = new Set<string>();
    for (const [address, role] of addresses) {
      const suppression = suppressions.get(address.toLowerCase());
      if (!suppression || seen.has(suppression.address)) continue;
      seen.add(suppression.address);
      found.push({
        address: suppression.address,
        role,
        reason: suppression.reason,
        at: suppression.at,
        ...(suppression.detail !== undefined && { detail: suppression.detail }),
      });
    }
    if (found.length > 0) problems.set(municipality.code, found);
  }
  return problems;
}
