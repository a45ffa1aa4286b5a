/**
 * The floor of every cold start: a handler that does nothing, bundled by the same RouteFunction as the
 * routes. What a route costs beyond this is its own code.
 */
export const handler = async () => ({ statusCode: 200, body: '' });
