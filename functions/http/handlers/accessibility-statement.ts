import { renderAccessibilityStatement } from '../../pages/accessibility-statement.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';

/** GET /toegankelijkheid: the accessibility statement every footer links to. */
export const handler = httpHandler(async () => htmlResponse(200, renderAccessibilityStatement()));
