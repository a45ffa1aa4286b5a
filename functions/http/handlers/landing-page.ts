import { html } from '../../../forms/render/html.js';
import { layout } from '../../../forms/render/layout.js';
import { allContacts } from '../../core/registry/secretariat.js';
import { dependencies } from '../dependencies.js';
import { httpHandler } from '../middleware.js';
import { htmlResponse } from '../responses.js';

/** GET /: where someone lands without an invitation link; it names every secretariat to ask for one. */
export const handler = httpHandler(async () => {
  const registry = await dependencies().store.getRegistry();
  return htmlResponse(
    200,
    layout(
      { title: 'Formulieren voor gemeenten', contacts: allContacts(registry), question: 'Vragen?' },
      html`<h1 class="utrecht-heading-1">Formulieren voor gemeenten</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Via deze website leveren gemeenten informatie aan de regionale regietafel vluchtelingen: over de eigen bijdrage van ontheemden uit Oekraïne, het sociaal domein en de voortgang van de opgaven.</p>
<p class="utrecht-paragraph">U opent het formulier van uw gemeente met de persoonlijke link uit de uitnodiging die u per e-mail kreeg. Heeft u geen uitnodiging ontvangen, of werkt de link niet? Neem contact op met het secretariaat van uw regietafel; u vindt ze onderaan deze pagina.</p>`,
    ),
  );
});
