import type { Registry } from '../model.js';

/**
 * Province of Overijssel: its two regional tables and 25 municipalities with their CBS codes
 * (../shared/DOMAIN.md). Contact addresses use the reserved `.example` domain and the phone numbers are
 * placeholders until the regietafel enters the real ones: nothing is ever mailed to a real municipality by
 * accident.
 *
 * This is seed data only: the table is the source of truth. It is written on the first start (and by
 * `npm run admin -- seed-registry` on AWS) and never again, so edits made on the contacts page survive.
 */
export const overijssel: Registry = {
  provinces: [
    {
      id: 'overijssel',
      name: 'Overijssel',
      addresses: ['regietafel@provincie-overijssel.example'],
      secretariat: {
        name: 'Secretariaat Provinciale Regietafel',
        email: 'regietafel@provincie-overijssel.example',
        phone: '038 000 00 00',
      },
    },
  ],
  regions: [
    {
      id: 'ijsselland',
      name: 'IJsselland',
      province: 'overijssel',
      boardName: 'Regionale Regietafel Vluchtelingen IJsselland',
      addresses: ['secretariaat@regietafel-ijsselland.example'],
      secretariat: {
        name: 'Secretariaat Regietafel IJsselland',
        email: 'secretariaat@regietafel-ijsselland.example',
        phone: '038 000 00 01',
      },
    },
    {
      id: 'twente',
      name: 'Twente',
      province: 'overijssel',
      boardName: 'Regionale Regietafel Vluchtelingen Twente',
      addresses: ['secretariaat@regietafel-twente.example'],
      secretariat: {
        name: 'Secretariaat Regietafel Twente',
        email: 'secretariaat@regietafel-twente.example',
        phone: '053 000 00 02',
      },
    },
  ],
  municipalities: [
    {
      code: 'GM0148',
      name: 'Dalfsen',
      region: 'ijsselland',
      contacts: ['coordinator@dalfsen.gemeente.example'],
    },
    {
      code: 'GM0150',
      name: 'Deventer',
      region: 'ijsselland',
      contacts: ['coordinator@deventer.gemeente.example'],
    },
    {
      code: 'GM0160',
      name: 'Hardenberg',
      region: 'ijsselland',
      contacts: ['coordinator@hardenberg.gemeente.example'],
    },
    {
      code: 'GM0166',
      name: 'Kampen',
      region: 'ijsselland',
      contacts: ['coordinator@kampen.gemeente.example'],
    },
    {
      code: 'GM1773',
      name: 'Olst-Wijhe',
      region: 'ijsselland',
      contacts: ['coordinator@olst-wijhe.gemeente.example'],
    },
    { code: 'GM0175', name: 'Ommen', region: 'ijsselland', contacts: ['coordinator@ommen.gemeente.example'] },
    {
      code: 'GM0177',
      name: 'Raalte',
      region: 'ijsselland',
      contacts: ['coordinator@raalte.gemeente.example'],
    },
    {
      code: 'GM0180',
      name: 'Staphorst',
      region: 'ijsselland',
      contacts: ['coordinator@staphorst.gemeente.example'],
    },
    {
      code: 'GM1708',
      name: 'Steenwijkerland',
      region: 'ijsselland',
      contacts: ['coordinator@steenwijkerland.gemeente.example'],
    },
    {
      code: 'GM1896',
      name: 'Zwartewaterland',
      region: 'ijsselland',
      contacts: ['coordinator@zwartewaterland.gemeente.example'],
    },
    {
      code: 'GM0193',
      name: 'Zwolle',
      region: 'ijsselland',
      contacts: ['coordinator@zwolle.gemeente.example'],
    },
    { code: 'GM0141', name: 'Almelo', region: 'twente', contacts: ['coordinator@almelo.gemeente.example'] },
    { code: 'GM0147', name: 'Borne', region: 'twente', contacts: ['coordinator@borne.gemeente.example'] },
    {
      code: 'GM1774',
      name: 'Dinkelland',
      region: 'twente',
      contacts: ['coordinator@dinkelland.gemeente.example'],
    },
    {
      code: 'GM0153',
      name: 'Enschede',
      region: 'twente',
      contacts: ['coordinator@enschede.gemeente.example'],
    },
    {
      code: 'GM0158',
      name: 'Haaksbergen',
      region: 'twente',
      contacts: ['coordinator@haaksbergen.gemeente.example'],
    },
    {
      code: 'GM0163',
      name: 'Hellendoorn',
      region: 'twente',
      contacts: ['coordinator@hellendoorn.gemeente.example'],
    },
    { code: 'GM0164', name: 'Hengelo', region: 'twente', contacts: ['coordinator@hengelo.gemeente.example'] },
    {
      code: 'GM1735',
      name: 'Hof van Twente',
      region: 'twente',
      contacts: ['coordinator@hof-van-twente.gemeente.example'],
    },
    { code: 'GM0168', name: 'Losser', region: 'twente', contacts: ['coordinator@losser.gemeente.example'] },
    {
      code: 'GM0173',
      name: 'Oldenzaal',
      region: 'twente',
      contacts: ['coordinator@oldenzaal.gemeente.example'],
    },
    {
      code: 'GM1742',
      name: 'Rijssen-Holten',
      region: 'twente',
      contacts: ['coordinator@rijssen-holten.gemeente.example'],
    },
    {
      code: 'GM0183',
      name: 'Tubbergen',
      region: 'twente',
      contacts: ['coordinator@tubbergen.gemeente.example'],
    },
    {
      code: 'GM1700',
      name: 'Twenterand',
      region: 'twente',
      contacts: ['coordinator@twenterand.gemeente.example'],
    },
    { code: 'GM0189', name: 'Wierden', region: 'twente', contacts: ['coordinator@wierden.gemeente.example'] },
  ],
};
