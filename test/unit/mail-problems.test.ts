import { describe, expect, it } from 'vitest';
import { mailProblemsByMunicipality } from '../../functions/core/mail-problems.js';
import type { Municipality, SubmissionVersion, Suppression } from '../../functions/core/model.js';

/**
 * The addresses of a municipality that our mail cannot reach (the round page's "E-mailadressen die niet
 * werken" and the round status's `mailProblems`): its coordinators' and its current version's submitter's.
 */

const municipality = (code: string, contacts: string[]): Municipality =>
  ({ code, name: `Gemeente ${code}`, region: 'ijsselland', contacts }) as unknown as Municipality;

const version = (code: string, email: string): SubmissionVersion =>
  ({
    roundId: 'r',
    formId: 'eigen-bijdrage',
    municipality: code,
    version: 1,
    submittedBy: { name: 'Invuller', email },
  }) as unknown as SubmissionVersion;

const suppressed = (address: string, reason: Suppression['reason'] = 'bounce'): Suppression => ({
  address,
  reason,
  at: '2026-11-30T10:00:00.000Z',
});

function problems(suppressions: Suppression[], current: SubmissionVersion[]) {
  let reads = 0;
  const result = mailProblemsByMunicipality(
    { store: { listSuppressions: async () => suppressions } },
    {
      municipalities: [
        municipality('GM0150', ['coordinator@deventer.example', 'tweede@deventer.example']),
        municipality('GM0193', ['coordinator@zwolle.example']),
      ],
      current: async () => {
        reads += 1;
        return current;
      },
    },
  );
  return { result, reads: () => reads };
}

describe('mail problems per municipality', () => {
  it('an empty suppression list: no problems, and the current versions are not read at all', async () => {
    const run = problems([], [version('GM0150', 'invuller@deventer.example')]);
    expect((await run.result).size).toBe(0);
    expect(run.reads()).toBe(0);
  });

  it('a coordinator’s address and a submitter’s, each with its role and reason; a municipality without one is left out', async () => {
    const run = problems(
      [
        suppressed('Coordinator@Deventer.example'),
        suppressed('invuller@zwolle.example', 'complaint'),
        suppressed('iemand@elders.example'),
      ],
      [version('GM0150', 'invuller@deventer.example'), version('GM0193', 'INVULLER@zwolle.example')],
    );
    const found = await run.result;
    expect(run.reads()).toBe(1);
    expect(found.get('GM0150')).toEqual([
      {
        address: 'Coordinator@Deventer.example',
        role: 'contact',
        reason: 'bounce',
        at: '2026-11-30T10:00:00.000Z',
      },
    ]);
    expect(found.get('GM0193')).toEqual([
      {
        address: 'invuller@zwolle.example',
        role: 'invuller',
        reason: 'complaint',
        at: '2026-11-30T10:00:00.000Z',
      },
    ]);
    expect([...found.keys()].sort()).toEqual(['GM0150', 'GM0193']);
  });

  it('a submitter who is also a coordinator is named once, as the coordinator', async () => {
    const run = problems(
      [suppressed('coordinator@deventer.example')],
      [version('GM0150', 'coordinator@deventer.example')],
    );
    expect((await run.result).get('GM0150')).toEqual([
      expect.objectContaining({ address: 'coordinator@deventer.example', role: 'contact' }),
    ]);
  });
});
