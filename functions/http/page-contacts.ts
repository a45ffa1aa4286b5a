import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { PageContact } from '../../forms/render/layout.js';
import { configKeys } from '../config.js';
import { allContacts, regionContact } from '../core/registry/secretariat.js';
import { dependencies } from './dependencies.js';
import { logger } from './logger.js';

const formPath = /^\/formulieren\/[^/]+\/[^/]+\/([^/?#]+)/;

/**
 * The secretariat(s) an error page names: on a municipality's form address its region's secretariat,
 * elsewhere every secretariat of the registry. Never fails: a function without table access, or a store
 * that does not answer, gets the page without names rather than no page at all.
 */
export async function errorPageContacts(event: APIGatewayProxyEventV2): Promise<PageContact[] | undefined> {
  if (!process.env[configKeys.tableName]) return undefined;
  try {
    const { store } = dependencies();
    const code = formPath.exec(event.rawPath ?? '')?.[1];
    if (code && /^GM\d{4}$/.test(code)) {
      const municipality = await store.getMunicipality(code, { cached: true });
      const contact =
        municipality && regionContact(await store.getRegion(municipality.region, { cached: true }));
      if (contact) return [contact];
    }
    return allContacts(await store.getRegistry());
  } catch (error) {
    logger.warn('Geen contactgegevens voor de foutpagina', { error: error as Error });
    return undefined;
  }
}
