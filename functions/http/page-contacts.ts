import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import type { PageContact } from '../../forms/render/layout.js';
import { configKeys } from '../config.js';
import { allContacts, regionContact } from '../core/registry/secretariat.js';
import { dependencies } from './dependencies.js';
import { logger } from './logger.js';

const formPath = /^\/formulieren\/[^/]+\/[^/]+\/([^/?#]+)/;

/**
 * The municipality an address is about: the one in a form's path, or the subject of an invitation link
 * (read, not verified: it only chooses whose public contact to show on the page that refuses the link).
 */
function municipalityOf(event: APIGatewayProxyEventV2): string | undefined {
  const fromPath = formPath.exec(event.rawPath ?? '')?.[1];
  if (fromPath) return fromPath;
  const code = event.rawPath === '/uitnodiging' ? event.queryStringParameters?.code : undefined;
  if (!code) return undefined;
  try {
    return decodeJwt(code).sub;
  } catch {
    return undefined;
  }
}

/**
 * The secretariat(s) an error page names: on a municipality's form address or invitation link its
 * region's secretariat, elsewhere every secretariat of the registry. Never fails: a function without table access, or a store
 * that does not answer, gets the page without names rather than no page at all.
 */
export async function errorPageContacts(event: APIGatewayProxyEventV2): Promise<PageContact[] | undefined> {
  if (!process.env[configKeys.tableName]) return undefined;
  try {
    const { store } = dependencies();
    const code = municipalityOf(event);
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
