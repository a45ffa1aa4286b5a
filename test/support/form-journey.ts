import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Round } from '../../functions/core/model.js';
import { openInvitation as openInvitationLink, saveScreenshot, sendAnswers } from './browser.js';
import { postJson, type TestPipeline } from './pipeline.js';

/**
 * The steps a form's browser journeys repeat, for one form: its path for a municipality, opening it through
 * the invitation link, sending from the check page, a version submitted earlier by a JSON client, what the
 * table holds, and screenshots named after the form. `current` gives the file's pipeline and round (set in
 * its `beforeAll`); a `which` or `roundId` left out means that round.
 */
export function formJourney(
  formId: string,
  current: () => { pipeline: TestPipeline; round: Round },
  validAnswers: () => Record<string, unknown>,
) {
  const formPath = (municipality: string, which = current().round) =>
    new URL(current().pipeline.formUrl(municipality, which)).pathname;
  return {
    formPath,
    screenshot: (target: Page, name: string) => saveScreenshot(target, `${formId}-${name}`),
    /** Opens the form through the invitation link, which sets the session cookie. */
    openInvitation: (target: Page, municipality: string, which = current().round) =>
      openInvitationLink(target, current().pipeline, municipality, which),
    send: (target: Page, municipality: string, version: number) =>
      sendAnswers(target, formPath(municipality), version),
    /** A version submitted earlier by a JSON client with the municipality's link (version 1 to amend). */
    async submittedBefore(municipality: string, answers = validAnswers(), which = current().round) {
      const response = await postJson(current().pipeline.formUrl(municipality, which), {
        answers,
        baseVersion: 0,
      });
      expect(response.status, response.text).toBe(201);
    },
    versions: (municipality: string, roundId = current().round.id) =>
      current().pipeline.items(roundId, `VERSION#${formId}#${municipality}#`),
    drafts: (municipality: string) =>
      current().pipeline.items(current().round.id, `DRAFT#${formId}#${municipality}`),
  };
}
