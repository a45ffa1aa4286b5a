import { describe, expect, it } from 'vitest';
import { mailInScope } from '../../functions/core/mail-queue.js';
import type { Registry } from '../../functions/core/model.js';
import type { Principal } from '../../functions/core/policy.js';
import type { Store } from '../../functions/core/ports.js';

/**
 * The mail page's reads go out together (issue 14): which emails a staff member may see depends on the
 * rounds, but reading them does not, so the rounds, the waiting, the failed and the sent emails (and the
 * registry, when the caller has none) are one round trip's wait, not two.
 */
const staff: Principal = {
  kind: 'staff',
  subject: 'medewerker',
  roles: [{ type: 'provincie', province: 'overijssel' }],
};
const registry: Registry = { provinces: [], regions: [], municipalities: [] };

/** A store whose reads answer only when `answerAll` is called, recording each read as it starts. */
function heldStore() {
  const started: string[] = [];
  const waiting: (() => void)[] = [];
  const held =
    <T>(name: string, value: T) =>
    (...args: unknown[]) => {
      started.push(args.length > 0 && typeof args[0] === 'string' ? `${name}(${args[0]})` : name);
      return new Promise<T>((resolve) => waiting.push(() => resolve(value)));
    };
  const store = {
    getRegistry: held('getRegistry', registry),
    listRounds: held('listRounds', []),
    listMail: held('listMail', []),
    listSentMail: held('listSentMail', []),
  } as unknown as Store;
  const answerAll = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { store, started, answerAll };
}

describe('the mail page’s reads', () => {
  it('all start before any of them answers', async () => {
    const { store, started, answerAll } = heldStore();
    const result = mailInScope({ store }, { principal: staff });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.sort()).toEqual(
      ['getRegistry', 'listMail(failed)', 'listMail(pending)', 'listRounds', 'listSentMail'].sort(),
    );
    answerAll();
    await expect(result).resolves.toEqual({ pending: [], failed: [], undelivered: [], sent: [] });
  });

  it('read no registry when the caller has it already', async () => {
    const { store, started, answerAll } = heldStore();
    const result = mailInScope({ store }, { principal: staff, registry });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).not.toContain('getRegistry');
    expect(started).toHaveLength(4);
    answerAll();
    await result;
  });
});
