import { mailInScope } from '../core/mail-queue.js';
import type { StaffContext } from './staff-actions.js';

/** The rounds' titles, to say on the mail pages what an email is about. */
export async function roundTitles(ctx: StaffContext): Promise<Map<string, string>> {
  return new Map((await ctx.deps.store.listRounds()).map((round) => [round.id, round.title]));
}

/** The mail in this person's scope. */
export const scopedMail = (ctx: StaffContext) =>
  mailInScope(ctx.deps, { principal: ctx.principal, registry: ctx.registry });
