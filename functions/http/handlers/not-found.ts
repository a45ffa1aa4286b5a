import { NotFound } from '../../core/errors.js';
import { httpHandler } from '../middleware.js';

/**
 * The catch-all route (API Gateway's `$default`, the local server's fallback): any address no other route
 * has gets a Dutch 404 page (JSON for scripts) instead of API Gateway's English `{"message":"Not Found"}`.
 */
export const handler = httpHandler(async () => {
  throw new NotFound(
    'Op dit adres staat geen pagina. Kwam u hier via een link uit een e-mail? Kopieer dan de hele link, ook als die in de e-mail over twee regels loopt.',
  );
});
