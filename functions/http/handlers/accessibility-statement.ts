import { allContacts } from '../../core/registry/secretariat.js';
import { renderAccessibilityStatement } from '../../pages/accessibility-statement.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';

/** GET /toegankelijkheid: the accessibility statement every footer links to, naming every secretariat. */
export const handler = httpHandler(async () =>
  htmlResponse(200, renderAccessibilityStatement(allContacts(await dependencies().store.getRegistry()))),
);
