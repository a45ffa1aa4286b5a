/**
 * Imported first by every benchmark: the SDK's Node-version notice and the handlers' logs would only
 * slow the runs down and clutter the tables.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
