import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseSesNotification } from '../../adapters/ses-events.js';
import { recordMailEvent } from '../../core/mail-events.js';
import { dependencies } from '../../http/dependencies.js';
import { logger } from '../../http/logger.js';
import { withOriginalStack } from '../../http/original-stack.js';

/**
 * The Lambda the SES event queue invokes (SES → configuration set → SNS → SQS, raw message delivery): each
 * message body is one SES notification. A message that fails is reported back alone, so SQS retries it
 * and, after five tries, keeps it in the dead-letter queue (with an alarm); the others are done. Locally
 * `npm run admin -- mail-event …` calls this same handler with recorded SES payloads.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = dependencies();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const report = parseSesNotification(JSON.parse(record.body));
      const recorded = await recordMailEvent(deps, report);
      // No addresses in the log (personal data): the outbox and the audit trail hold them.
      logger.info('SES-melding verwerkt', {
        messageId: report.messageId,
        events: report.events.map((e) => e.type),
        mailId: recorded.mailId,
        status: recorded.status,
        suppressed: recorded.suppressed.length,
      });
    } catch (error) {
      logger.error('SES-melding niet verwerkt', {
        sqsMessageId: record.messageId,
        error: withOriginalStack(error),
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
