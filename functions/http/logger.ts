import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger for every handler (level from POWERTOOLS_LOG_LEVEL; SILENT in tests). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'regietafel' });
