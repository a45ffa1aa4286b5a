import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { sendSummaries } from '../../functions/core/compile-summaries.js';
import { inviteMunicipalities } from '../../functions/core/invitations.js';
import type { Region } from '../../functions/core/model.js';
import { sendReminders } from '../../functions/core/reminders.js';
import { randomIds } from '../../functions/http/dependencies.js';
import {
  get,
  postJson,
  startTestPipeline,
  type TestPipeline,
  validEigenBijdrage,
} from '../support/pipeline.js';

/**
 * #13 (h): every page and email names the secretariat to ask — from the registry, so a change there shows
 * at once — and every email's Reply-To is that secretariat.
 */

let pipeline: TestPipeline;
const ijsselland = {
  name: 'Secretariaat Regietafel IJsselland',
  email: 'secretariaat@regietafel-ijsselland.example',
  phone: '038 000 00 01',
};
const twente = { name: 'Secretariaat Regietafel Twente', email: 'secretariaat@regietafel-twente.example' };
const province = {
  name: 'Secretariaat Provinciale Regietafel',
  email: 'regietafel@provincie-overijssel.example',
};

const deps = () => ({
  store: pipeline.store,
  mailer: new SesMailer('noreply@regietafel.example', new SESClient({ endpoint: pipeline.ses.url })),
  clock: { now: () => new Date() },
  ids: randomIds,
});

function footerOf(page: string): string {
  return /<footer[\s\S]*<\/footer>/.exec(page)?.[0] ?? '';
}

async function mailsTo(address: string) {
  return (await pipeline.mailbox()).filter((mail) => mail.destination.to.includes(address));
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
});

afterAll(async () => {
  await pipeline?.stop();
});

describe('the secretariat in every page footer', () => {
  it('names the own region’s secretariat on a form page, with an email and a phone link', async () => {
    const footer = footerOf(await (await get(pipeline.formUrl('GM0193'))).text());
    expect(footer).toContain(ijsselland.name);
    expect(footer).toContain(`href="mailto:${ijsselland.email}"`);
    expect(footer).toContain('href="tel:+31380000001"');
    expect(footer).not.toContain(twente.email);
    expect(footerOf(await (await get(pipeline.formUrl('GM0153'))).text())).toContain(twente.email);
  });

  it('names it on the confirmation page', async () => {
    expect(
      (await postJson(pipeline.formUrl('GM0166'), { answers: validEigenBijdrage(), baseVersion: 0 })).status,
    ).toBe(201);
    const page = await (await get(`${pipeline.formUrl('GM0166')}/bevestiging`)).text();
    expect(footerOf(page)).toContain(ijsselland.email);
  });

  it('names it on error pages of a form address, and every secretariat where the region is unknown', async () => {
    const noLink = await get(pipeline.formUrl('GM0153'), { authorization: 'none', accept: 'text/html' });
    expect(noLink.status).toBe(401);
    expect(footerOf(await noLink.text())).toContain(twente.email);

    const unknownRound = await get(`${pipeline.baseUrl}/formulieren/eigen-bijdrage/bestaat-niet/GM0193`, {
      authorization: 'none',
      accept: 'text/html',
    });
    expect(unknownRound.status).toBe(401);
    expect(footerOf(await unknownRound.text())).toContain(ijsselland.email);

    // A revoked link of a Twente municipality: the refusal names Twente's secretariat.
    const revoked = await inviteMunicipalities(deps(), {
      roundId: pipeline.round.id,
      municipalities: ['GM0158'],
      baseUrl: pipeline.baseUrl,
      send: false,
      actor: 'test',
    });
    await pipeline.store.revokeInvitation(revoked[0]!.invitation.id, new Date().toISOString());
    const refused = await get(revoked[0]!.url, { authorization: 'none', accept: 'text/html' });
    expect(refused.status).toBe(401);
    const refusedFooter = footerOf(await refused.text());
    expect(refusedFooter).toContain(twente.email);
    expect(refusedFooter).not.toContain(ijsselland.email);

    const badLink = await get(`${pipeline.baseUrl}/uitnodiging?code=kapot`, { accept: 'text/html' });
    expect(badLink.status).toBe(401);
    const footer = footerOf(await badLink.text());
    for (const contact of [ijsselland, twente, province]) expect(footer).toContain(contact.email);
  });

  it('lists every secretariat on the start page, the accessibility statement and an unknown address', async () => {
    for (const path of ['/', '/toegankelijkheid', '/bestaat/niet']) {
      const page = await get(`${pipeline.baseUrl}${path}`, { accept: 'text/html' });
      const footer = footerOf(await page.text());
      for (const contact of [ijsselland, twente, province]) expect(footer, path).toContain(contact.name);
    }
  });

  it('names the staff member’s own secretariat on the staff pages', async () => {
    const page = await fetch(`${pipeline.baseUrl}/staf/rondes`, {
      headers: {
        accept: 'text/html',
        authorization: `Bearer ${await pipeline.staffToken('regietafel:twente')}`,
      },
    });
    const footer = footerOf(await page.text());
    expect(footer).toContain(twente.email);
    expect(footer).not.toContain(ijsselland.email);
  });
});

describe('the secretariat as Reply-To and in the footer of every email', () => {
  it('answers a confirmation to the region’s secretariat, and names it', async () => {
    await pipeline.clearMailbox();
    const answers = validEigenBijdrage({ contactEmail: 'contact-test@kampen.example' });
    expect((await postJson(pipeline.formUrl('GM0166'), { answers, baseVersion: 1 })).status).toBe(201);
    const [mail] = await mailsTo('contact-test@kampen.example');
    expect(mail?.replyTo).toEqual([ijsselland.email]);
    expect(mail?.body.text).toContain(
      `${ijsselland.name}, ${ijsselland.email}, telefoon ${ijsselland.phone}`,
    );
    expect(mail?.body.html).toContain(`mailto:${ijsselland.email}`);
  });

  it('answers invitations and reminders to the region’s secretariat', async () => {
    await pipeline.clearMailbox();
    await inviteMunicipalities(deps(), {
      roundId: pipeline.round.id,
      municipalities: ['GM0141'],
      baseUrl: pipeline.baseUrl,
      send: true,
      actor: 'test',
    });
    const round = { ...pipeline.round, id: 'contact-herinnering', regions: ['twente'] };
    await pipeline.store.createRound(round);
    await sendReminders(deps(), {
      roundId: round.id,
      period: 'test',
      baseUrl: pipeline.baseUrl,
      actor: 'test',
    });
    const mails = await mailsTo('coordinator@almelo.gemeente.example');
    expect(mails.map((mail) => mail.subject.split(':')[0]).sort()).toEqual(['Herinnering', 'Uitnodiging']);
    for (const mail of mails) {
      expect(mail.replyTo).toEqual([twente.email]);
      expect(mail.body.text).toContain(twente.name);
    }
  });

  it('answers a region’s summary to its secretariat and the province’s to the province', async () => {
    await pipeline.clearMailbox();
    await sendSummaries(deps(), {
      roundId: pipeline.round.id,
      period: 'contact-test',
      scopes: [
        { type: 'region', id: 'ijsselland' },
        { type: 'province', id: 'overijssel' },
      ],
      actor: 'test',
    });
    const [region] = await mailsTo('secretariaat@regietafel-ijsselland.example');
    const [provincial] = await mailsTo('regietafel@provincie-overijssel.example');
    expect(region?.replyTo).toEqual([ijsselland.email]);
    expect(provincial?.replyTo).toEqual([province.email]);
    expect(provincial?.body.text).toContain(province.name);
  });

  it('follows the registry: a new secretariat is in the next email at once', async () => {
    const region = (await pipeline.store.getRegion('twente')) as Region;
    const secretariat = { name: 'Anne Jansen', email: 'anne.jansen@twente.example', phone: '053 111 22 33' };
    expect(
      await pipeline.store.putRegistryItem(
        { kind: 'region', value: { ...region, secretariat } },
        region.revision!,
      ),
    ).toBe(true);
    await pipeline.clearMailbox();
    const answers = validEigenBijdrage({ contactEmail: 'nieuw-contact@borne.example' });
    expect((await postJson(pipeline.formUrl('GM0147'), { answers, baseVersion: 0 })).status).toBe(201);
    const [mail] = await mailsTo('nieuw-contact@borne.example');
    expect(mail?.replyTo).toEqual([secretariat.email]);
    expect(mail?.body.text).toContain('Anne Jansen, anne.jansen@twente.example, telefoon 053 111 22 33');
    expect(footerOf(await (await get(pipeline.formUrl('GM0147'))).text())).toContain(
      'href="tel:+31531112233"',
    );
  });
});
