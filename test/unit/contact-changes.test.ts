import { describe, expect, it } from 'vitest';
import { auditCsv, describeEvent } from '../../functions/core/audit-trail.js';
import { isAllowed, type Principal, type StaffRole } from '../../functions/core/policy.js';
import { parseAddresses } from '../../functions/core/registry/addresses.js';
import { checkContactChange, contactTarget } from '../../functions/core/registry/contact-changes.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';

const staff = (...roles: StaffRole[]): Principal => ({ kind: 'staff', subject: 'test', roles });

describe('who may change the registry', () => {
  const ijsselland = staff({ type: 'regietafel', region: 'ijsselland' });
  const province = staff({ type: 'provincie', province: 'overijssel' });
  const region = (id: string) => ({ region: id, province: 'overijssel' });

  it('a regietafel its own region and its municipalities; the province all of its regions and itself', () => {
    expect(isAllowed(ijsselland, 'registry:edit', region('ijsselland'))).toBe(true);
    expect(isAllowed(ijsselland, 'registry:edit', region('twente'))).toBe(false);
    expect(isAllowed(ijsselland, 'registry:edit', { province: 'overijssel' })).toBe(false);
    expect(isAllowed(province, 'registry:edit', region('twente'))).toBe(true);
    expect(isAllowed(province, 'registry:edit', { province: 'overijssel' })).toBe(true);
    expect(isAllowed(province, 'registry:edit', { province: 'gelderland' })).toBe(false);
  });

  it('importing a municipality list is for the province only', () => {
    expect(isAllowed(ijsselland, 'registry:import', region('ijsselland'))).toBe(false);
    expect(isAllowed(province, 'registry:import', { province: 'overijssel' })).toBe(true);
    const municipality: Principal = { kind: 'municipality', municipality: 'GM0193', roundId: 'r' };
    expect(isAllowed(municipality, 'registry:edit', { ...region('ijsselland') })).toBe(false);
  });
});

describe('checking a contact change', () => {
  it('names the field and the address that is wrong, in Dutch', () => {
    const zwolle = contactTarget(overijssel, 'gemeente', 'GM0193');
    const checked = checkContactChange(zwolle, { contacts: 'jan@zwolle.example\njan@\nwie' });
    expect(checked.errors).toEqual([
      {
        path: 'contacts',
        message:
          'E-mailadressen voor uitnodigingen en herinneringen: ‘jan@’ en ‘wie’ zijn geen geldige e-mailadressen. Schrijf het als naam@organisatie.nl, één adres per regel.',
      },
    ]);
  });

  it('takes addresses pasted from a mail program with their names, and leaves the names out', () => {
    expect(
      parseAddresses(
        'Anna de Vries <Anna.deVries@zwolle.example>; "Bakker, Piet" <piet@zwolle.example>,\nmailto:team@zwolle.example jan@zwolle.example',
      ),
    ).toEqual({
      addresses: [
        'anna.devries@zwolle.example',
        'piet@zwolle.example',
        'team@zwolle.example',
        'jan@zwolle.example',
      ],
      invalid: [],
    });
    expect(parseAddresses('Anna de Vries <anna@>').invalid).toEqual(['anna@']);
    expect(parseAddresses('Jan Jansen <jan@\nPiet <piet@zwolle.example>')).toEqual({
      addresses: ['piet@zwolle.example'],
      invalid: ['jan@'],
    });
  });

  it('shows what changes, before → after, and warns about an empty list', () => {
    const zwolle = contactTarget(overijssel, 'gemeente', 'GM0193');
    const checked = checkContactChange(zwolle, { contacts: 'A.Bakker@Zwolle.example, b@zwolle.example' });
    expect(checked.errors).toEqual([]);
    expect(checked.changes).toEqual([
      {
        field: 'contacts',
        label: 'E-mailadressen voor uitnodigingen en herinneringen',
        before: 'coordinator@zwolle.gemeente.example',
        after: 'a.bakker@zwolle.example, b@zwolle.example',
      },
    ]);
    expect(checkContactChange(zwolle, { contacts: '' }).warnings).toEqual([
      'Zonder e-mailadres krijgt gemeente Zwolle geen uitnodigingen en herinneringen.',
    ]);
  });

  it('checks the secretariat: a name and one address together, a phone number of ten digits', () => {
    const twente = contactTarget(overijssel, 'regio', 'twente');
    const checked = checkContactChange(twente, {
      secretariatName: '',
      secretariatEmail: 'secretariaat@twente',
      secretariatPhone: '053-12',
    });
    expect(checked.errors.map((error) => error.path)).toEqual([
      'secretariatName',
      'secretariatEmail',
      'secretariatPhone',
    ]);
    expect(checked.errors[2]?.message).toBe(
      'Telefoonnummer van het secretariaat: schrijf tien cijfers, eventueel met spaties of streepjes, bijvoorbeeld 038 425 00 00 of +31 38 425 00 00.',
    );
    const fine = checkContactChange(twente, {
      secretariatName: 'Anne Jansen',
      secretariatEmail: 'anne@twente.example',
      secretariatPhone: '+31 53 111 22 33',
    });
    expect(fine.errors).toEqual([]);
    expect(fine.after.value).toMatchObject({
      secretariat: { name: 'Anne Jansen', email: 'anne@twente.example', phone: '+31 53 111 22 33' },
    });
    expect(fine.changes.map((change) => change.field)).toEqual([
      'secretariatName',
      'secretariatEmail',
      'secretariatPhone',
    ]);
    // The name is in every footer: refused as a typed answer would be, naming the field.
    for (const name of ['Ren\uFFFD Jansen', 'Anne \u202Enesnaj', 'Anne\u0007']) {
      const refused = checkContactChange(twente, {
        secretariatName: name,
        secretariatEmail: 'anne@twente.example',
        secretariatPhone: '',
      });
      expect(
        refused.errors.map((error) => error.path),
        JSON.stringify(name),
      ).toEqual(['secretariatName']);
      expect(refused.errors[0]!.message).toMatch(/^‘Naam van het secretariaat’ bevat /);
    }
  });

  it('knows only the items the registry has', () => {
    expect(() => contactTarget(overijssel, 'gemeente', 'GM9999')).toThrow('Er is geen gemeente ‘GM9999’.');
    expect(() => contactTarget(overijssel, 'land', 'nl')).toThrow();
  });
});

describe('the audit trail in words and as CSV', () => {
  it('describes details and before → after', () => {
    expect(
      describeEvent({
        at: '2026-12-01T10:00:00.000Z',
        id: '1',
        action: 'amendment',
        actor: 'GM0193',
        details: { formId: 'x', version: 2, late: false, invitationId: 'abcdef123456' },
      }),
    ).toBe('versie: 2; te laat: nee; link abcdef12');
    expect(
      describeEvent({
        at: '2026-12-01T10:00:00.000Z',
        id: '2',
        action: 'contact-changed',
        actor: 'staf@x',
        before: { contacts: 'a@x.example' },
        after: { contacts: 'b@x.example' },
      }),
    ).toBe('adressen voor uitnodigingen: a@x.example → b@x.example');
    const invitation = (link: string, sentTo: string[]) =>
      describeEvent({
        at: '2026-12-01T10:00:00.000Z',
        id: '3',
        action: 'invitation',
        actor: 'staf@x',
        details: { invitationId: 'abcdef123456', link, sentTo },
      });
    expect(invitation('nieuw', ['a@x.example'])).toBe('nieuwe link abcdef12; aan: a@x.example');
    expect(invitation('bestaand', [])).toBe('bestaande link abcdef12; niet gemaild');
  });

  it('writes Excel-NL: semicolons, a BOM, Dutch time and formula-safe cells', () => {
    const csv = auditCsv([
      {
        at: '2026-12-01T10:00:00.000Z',
        action: 'submission',
        actionLabel: 'Ingezonden',
        actor: '=HYPERLINK("x")',
        municipality: { code: 'GM0193', name: 'Zwolle' },
        description: 'versie: 1',
      },
    ]);
    expect(csv.startsWith('\uFEFFTijdstip;Actie;Actiecode;Door;Gemeentecode;Gemeente;Details\r\n')).toBe(
      true,
    );
    expect(csv).toContain(
      '2026-12-01 11:00;Ingezonden;submission;"\'=HYPERLINK(""x"")";GM0193;Zwolle;versie: 1\r\n',
    );
  });
});
