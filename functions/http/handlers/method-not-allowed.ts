import { MethodNotAllowed, NotFound } from '../../core/errors.js';
import { httpHandler } from '../middleware.js';
import { pathsWithMethods } from '../routes.js';

const allowedByPath = pathsWithMethods();

/**
 * Answers any method a path does not define with 405 and an Allow header. On AWS every path has an
 * `ANY` route to this function; API Gateway prefers the exact method routes for allowed methods.
 */
export const handler = httpHandler(async (event) => {
  const routeKey = event.routeKey ?? '';
  const path = routeKey.startsWith('ANY ') ? routeKey.slice(4) : undefined;
  const allowed = path ? allowedByPath.get(path) : undefined;
  if (!allowed) throw new NotFound();
  throw new MethodNotAllowed(allowed, event.requestContext.http.method);
});
