import { checkInvariant, scanTable, settleOutbox } from '../../test/support/faults.js';
import type { TestPipeline } from '../../test/support/pipeline.js';

/**
 * "Nothing lost" after a load run, over the whole table and the SES emulator's mailbox (the invariant of
 * test/faults: versions 1 … n per form, one version per submission id, the current copy at n, every
 * version's confirmation recorded, sent and sent once), and every accepted answer's version stored under
 * its submission id. Sends still in flight end first; what missed the 2 s budget goes with the outbox
 * sender "a few minutes later", as in test/faults/concurrency.test.ts.
 */
export async function checkNothingLost(
  pipeline: TestPipeline,
  accepted: readonly { submissionId: string; version: number; email: string }[],
): Promise<{ versions: number; problems: string[] }> {
  await settleOutbox(pipeline);
  const mails = await pipeline.mailbox();
  const sent = new Map<string, number>();
  for (const mail of mails) {
    const key = `${mail.destination.to.join(',')}\u0000${mail.subject}`;
    sent.set(key, (sent.get(key) ?? 0) + 1);
  }
  const items = await scanTable(pipeline);
  const report = checkInvariant(items, (to, subject) => sent.get(`${to}\u0000${subject}`) ?? 0);
  const stored = new Map(
    items.filter((item) => item.entityType === 'version').map((item) => [String(item.submissionId), item]),
  );
  const problems = [...report.problems];
  for (const answer of accepted) {
    const version = stored.get(answer.submissionId);
    if (!version) problems.push(`${answer.submissionId}: accepted, not stored`);
    else if (Number(version.version) !== answer.version)
      problems.push(`${answer.submissionId}: answered version ${answer.version}, stored ${version.version}`);
  }
  return { versions: report.versions, problems };
}
