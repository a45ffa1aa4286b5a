import { randomUUID } from 'node:crypto';
import { findForm } from '../../../forms/catalogue.js';
import { aggregateRound } from '../../core/aggregation/aggregate-round.js';
import { aggregateSeries, roundTrends } from '../../core/aggregation/trends.js';
import { mayChangeRound } from '../../core/change-round.js';
import { scopeKey } from '../../core/compile-summaries.js';
import { usesShares } from '../../core/export-shares.js';
import { exportTables } from '../../core/export-tables.js';
import { mailProblemsByMunicipality } from '../../core/mail-problems.js';
import { actorOf } from '../../core/policy.js';
import { earlierRoundSeries } from '../../core/round-series.js';
import { roundStatus, staffRound, visibleRegions } from '../../core/round-status.js';
import { provinceOfScope, publishedTargets } from '../../core/targets/publish-targets.js';
import { renderRoundPage } from '../../pages/round-page.js';
import { authenticateStaffWithRegistry } from '../authenticate.js';
import { scopeName, signedInStaff, visibleScopes } from '../dashboard.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { wantsPage } from '../request.js';
import { htmlResponse, jsonResponse } from '../responses.js';
import { doneNotice } from '../staff-actions.js';
import { staffPageHeaders } from '../staff-session.js';

const count = (value: string | undefined) => (value && /^\d{1,4}$/.test(value) ? Number(value) : 0);
const mails = (n: number) => `${n} e-mail${n === 1 ? '' : 's'}`;

/** The line the page shows after the summary button (fixed texts; only the counts come from the query). */
function summaryNotice(query: Record<string, string | undefined>): string | undefined {
  switch (query.overzicht) {
    case 'verstuurd': {
      const [sent, queued] = [count(query.aantal), count(query.wachtrij)];
      if (queued === 0) return `Het overzicht is verstuurd (${mails(sent)}).`;
      return `Het overzicht is verstuurd (${mails(sent)}); ${mails(queued)} kon${queued === 1 ? '' : 'den'} nog niet weg en ${queued === 1 ? 'wordt' : 'worden'} later vanzelf opnieuw geprobeerd.`;
    }
    case 'al-verstuurd':
      return 'Dit overzicht was met deze knop al verstuurd; het is niet nog eens verstuurd.';
    case 'leeg':
      return 'Er is niets verstuurd: in dit gebied heeft nog geen gemeente ingezonden. Een overzicht zonder inzendingen wordt niet verstuurd.';
    case 'geen-adressen':
      return 'Er is niets verstuurd: voor dit gebied zijn geen e-mailadressen bekend. Vraag de beheerder ze in te voeren.';
    default:
      return undefined;
  }
}

/**
 * GET /staf/rondes/{roundId}: where every municipality of the staff member's region(s) stands. A browser
 * gets the round's dashboard page (its tasks, per region how many submitted, the status table with those
 * without a submission first — `?toon=zonder-inzending` for only those —, progress charts, exports,
 * summaries, the trend over the form's rounds); a script gets JSON.
 */
export const handler = httpHandler(async (event) => {
  const deps = dependencies();
  const { principal, registry } = await authenticateStaffWithRegistry(event, deps.store);
  const input = { principal, roundId: event.pathParameters?.roundId ?? '', registry };
  if (!wantsPage(event)) {
    const status = await roundStatus(deps, input);
    const problems = await mailProblemsByMunicipality(deps, {
      municipalities: registry.municipalities.filter((m) =>
        status.municipalities.some((s) => s.code === m.code),
      ),
      current: () => deps.store.listCurrent(status.round.id),
    });
    return jsonResponse(200, { ...status, mailProblems: Object.fromEntries(problems) });
  }

  const { round } = await staffRound(deps, input);
  const scopes = visibleScopes(principal, round, registry);
  // The widest view this person has: the province when they are provincial staff, else their region.
  const scope = scopes.find((candidate) => candidate.type === 'province') ?? scopes[0]!;
  const definition = findForm(round.formId);
  // Only a form whose places are measured against the shares has a trend (and needs the earlier rounds).
  const withTrends = definition !== undefined && usesShares(definition);
  const [current, drafts, targets, earlier] = await Promise.all([
    deps.store.listCurrent(round.id),
    deps.store.listDrafts(round.id),
    publishedTargets(deps.store, [provinceOfScope(registry, scope)]),
    withTrends ? earlierRoundSeries(deps.store, { round, registry, scope }) : [],
  ]);
  const aggregation = { round, registry, scope, current, drafts, targets, now: deps.clock.now() };
  const aggregate = aggregateRound(aggregation);
  const trends = withTrends ? roundTrends(aggregateSeries(aggregation, earlier, aggregate)) : null;
  const mailProblems = await mailProblemsByMunicipality(deps, {
    municipalities: registry.municipalities.filter((municipality) =>
      aggregate.response.municipalities.some((shown) => shown.code === municipality.code),
    ),
    current: async () => current,
  });
  return htmlResponse(
    200,
    renderRoundPage({
      staff: signedInStaff(principal, registry),
      aggregate,
      tables: definition
        ? exportTables(definition, (id) => id).map(({ key, title }) => ({ key, title }))
        : [],
      scopes: scopes.map((candidate) => ({
        value: scopeKey(candidate),
        label: scopeName(candidate, registry),
      })),
      requestId: randomUUID(),
      notice:
        summaryNotice(event.queryStringParameters ?? {}) ??
        (await doneNotice(deps, event.queryStringParameters?.gedaan, actorOf(principal))),
      actions: {
        change: mayChangeRound(principal, round, registry),
        invitations: visibleRegions(principal, round, registry.regions, 'invitation:manage').length > 0,
        reminders: visibleRegions(principal, round, registry.regions, 'reminder:send').length > 0,
      },
      filter: event.queryStringParameters?.toon === 'zonder-inzending' ? 'zonder-inzending' : 'alle',
      mailProblems,
      trends,
    }),
    staffPageHeaders(),
  );
});
