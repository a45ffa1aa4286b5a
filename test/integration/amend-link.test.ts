import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  get,
  postForm,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';
import { formFields, type StaffBrowser, staffBrowser } from '../support/staff.js';

/**
 * The confirmation email's "wijzigen" link opens the amend page on any device: a fresh link token for the
 * invitation the version was submitted with (no session cookie needed), that stops working when staff
 * revoke or replace that invitation, and that costs the submission no extra write.
 */

let pipeline: TestPipeline;
let ijsselland: StaffBrowser;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  ijsselland = await staffBrowser(pipeline, 'regietafel:ijsselland');
});

afterAll(async () => {
  await pipeline?.stop();
});

const deps = () => ({
  store: pipeline.store,
  mailer: { send: () => Promise.reject(new Error('geen e-mail in deze test')) },
  clock: { now: () => new Date() },
  ids: randomIds,
});

/** A new link of its own for a municipality (as the secretariat would mail it): its invitation and token. */
async function invitation(municipality: string) {
  const [invited] = await inviteMunicipalities(deps(), {
    roundId: pipeline.round.id,
    municipalities: [municipality],
    baseUrl: pipeline.baseUrl,
    send: false,
    actor: 'test',
  });
  return { id: invited!.invitation.id, token: new URL(invited!.url).searchParams.get('code')! };
}

const amendLinkIn = (body: string) => /https?:\/\/\S+\/uitnodiging\?code=[\w.-]+/.exec(body)?.[0];

/** Opens a link in a browser with no cookies: the answer, and the session cookie it sets. */
async function openInFreshBrowser(link: string) {
  const opened = await fetch(link, { redirect: 'manual' });
  const cookie = opened.headers.getSetCookie()[0]?.split(';')[0];
  return { opened, cookie };
}

describe('the confirmation email’s wijzigen link', () => {
  it('is a fresh link for the invitation used, and opens the amend page in a browser without the cookie', async () => {
    const { id, token } = await invitation('GM0180');
    await pipeline.clearMailbox();
    const submitted = await postJson(
      pipeline.formUrl('GM0180'),
      { answers: validEigenBijdrage({ contactEmail: 'iris@staphorst.example' }) },
      { authorization: `Bearer ${token}` },
    );
    expect(submitted.status).toBe(201);
    const [version] = await pipeline.items(pipeline.round.id, 'VERSION#eigen-bijdrage#GM0180#');
    expect(version?.invitationId).toBe(id);

    const [mail] = await pipeline.mailbox();
    const link = amendLinkIn(mail!.body.text!)!;
    expect(mail!.body.text).toContain('wijzigen via deze link, op elk apparaat');
    expect(mail!.body.html).toContain(`<a href="${link.replace(/&/g, '&amp;')}"`);
    const code = new URL(link).searchParams.get('code')!;
    expect(code).not.toBe(token);
    expect(decodeJwt(code)).toMatchObject({ jti: id, sub: 'GM0180', round: pipeline.round.id, versie: 1 });

    const { opened, cookie } = await openInFreshBrowser(link);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(new URL(pipeline.formUrl('GM0180')).pathname);
    const form = await get(pipeline.formUrl('GM0180'), { cookie: cookie! });
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('U wijzigt versie 1');
    expect(page).toContain('value="iris@staphorst.example"');
  });

  it('comes with a browser post too, and stops working when staff replace the municipality’s link', async () => {
    const { token } = await invitation('GM1896');
    await pipeline.clearMailbox();
    const fields = new URLSearchParams(
      Object.entries({
        _action: 'submit',
        _submissionId: 'amend-link-0001',
        _baseVersion: '0',
        collects: 'nee',
        contactName: 'Ruud Post',
        contactEmail: 'ruud@zwartewaterland.example',
      }),
    );
    const posted = await postForm(pipeline.formUrl('GM1896'), fields, {
      cookie: `regietafel_sessie=${token}`,
    });
    expect(posted.status).toBe(303);
    const [mail] = await pipeline.mailbox();
    const link = amendLinkIn(mail!.body.text!)!;
    expect((await openInFreshBrowser(link)).opened.status).toBe(303);

    // The secretariat replaces the municipality's link in the staff console ("vervangen").
    const path = `/staf/rondes/${pipeline.round.id}/uitnodigingen`;
    const check = await ijsselland.post(path, { _action: 'vervangen-controleren', gemeente: 'GM1896' });
    expect(check.status).toBe(200);
    expect((await ijsselland.post(path, formFields(check.text, 'vervangen'))).status).toBe(303);

    const refused = await fetch(link, { redirect: 'manual' });
    expect(refused.status).toBe(401);
    const page = await refused.text();
    expect(page).toContain('<html lang="nl"');
    expect(page).toContain('Deze link is ingetrokken');
  });
});
