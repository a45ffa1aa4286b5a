import { writeStylesheet } from '../../forms/build-stylesheet.js';

/** Before any test: the stylesheet built from the pages' source as it is now (as `npm test` does). */
export async function setup(): Promise<void> {
  await writeStylesheet();
}
