import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { deliverExport } from '../../functions/core/export-delivery.js';
import { mailVisibleTo } from '../../functions/core/mail-queue.js';
import type { Principal } from '../../functions/core/policy.js';
import type { ExportFiles } from '../../functions/core/ports.js';
import { overijssel } from '../../functions/core/registry/overijssel.js';

/** Delivery of an export (inline or through storage) and which failed emails a staff member may see. */

function file(chunks: string[]) {
  return { filename: 'x.csv', contentType: 'text/csv; charset=utf-8', body: Readable.from(chunks) };
}

class MemoryFiles implements ExportFiles {
  readonly saved = new Map<string, string>();
  async save(key: string, body: NodeJS.ReadableStream): Promise<void> {
    let text = '';
    for await (const chunk of body as AsyncIterable<Buffer>) text += chunk.toString('utf8');
    this.saved.set(key, text);
  }
  async link(key: string, filename: string): Promise<string> {
    return `https://opslag.example/${key}?naam=${filename}`;
  }
}

describe('deliverExport', () => {
  it('answers a small file directly and stores nothing', async () => {
    const files = new MemoryFiles();
    const delivery = await deliverExport(files, file(['a;b\r\n', '1;2\r\n']), { inlineLimit: 100, key: 'k' });
    expect(delivery).toMatchObject({ kind: 'inline', bytes: 10 });
    expect(delivery.kind === 'inline' && delivery.body.toString()).toBe('a;b\r\n1;2\r\n');
    expect(files.saved.size).toBe(0);
  });

  it('stores a big file whole — what was read before the limit and the rest — and links to it', async () => {
    const files = new MemoryFiles();
    const chunks = Array.from({ length: 50 }, (_, i) => `regel ${i}\r\n`);
    const delivery = await deliverExport(files, file(chunks), { inlineLimit: 30, key: 'exports/k.csv' });
    expect(delivery).toMatchObject({
      kind: 'link',
      key: 'exports/k.csv',
      url: expect.stringContaining('exports/k.csv'),
    });
    expect(files.saved.get('exports/k.csv')).toBe(chunks.join(''));
    expect(delivery.bytes).toBe(Buffer.byteLength(chunks.join('')));
  });

  it('stops producing the file when the storage refuses it', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield `${'x'.repeat(100)}\r\n`;
      }
    }
    const body = Readable.from(endless());
    const refusing: ExportFiles = {
      save: async () => {
        throw new Error('AccessDenied');
      },
      link: async () => '',
    };
    await expect(
      deliverExport(
        refusing,
        { filename: 'x.csv', contentType: 'text/csv', body },
        { inlineLimit: 1000, key: 'k' },
      ),
    ).rejects.toThrow('AccessDenied');
    expect(body.destroyed).toBe(true);
    const after = produced;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toBe(after);
  });
});

describe('failed emails on the dashboard: only what the person may see', () => {
  const rounds = new Set(['r1']);
  const staff = (role: string): Principal => ({
    kind: 'staff',
    subject: role,
    roles: [
      role.startsWith('provincie:')
        ? { type: 'provincie', province: role.split(':')[1]! }
        : { type: 'regietafel', region: role.split(':')[1]! },
    ],
  });
  const cases: [string, string, boolean][] = [
    ['summary#r1#region:ijsselland#2026-W48#secretaris@ijsselland.example', 'regietafel:ijsselland', true],
    ['summary#r1#region:twente#2026-W48#secretaris@twente.example', 'regietafel:ijsselland', false],
    ['summary#r1#province:overijssel#2026-W48#provincie@overijssel.example', 'regietafel:ijsselland', false],
    ['summary#r1#province:overijssel#2026-W48#provincie@overijssel.example', 'provincie:overijssel', true],
    ['summary#r1#region:twente#2026-W48#secretaris@twente.example', 'provincie:overijssel', true],
    ['reminder#r1#GM0193#2026-W48', 'regietafel:ijsselland', true],
    ['reminder#r1#GM0153#2026-W48', 'regietafel:ijsselland', false],
    ['confirmation#r1#eigen-bijdrage#GM0153#v1', 'regietafel:twente', true],
    ['confirmation#r1#eigen-bijdrage#GM0193#v1', 'regietafel:twente', false],
    ['reminder#r2#GM0193#2026-W48', 'provincie:overijssel', false],
    ['invitation#abc', 'provincie:overijssel', false],
    ['invitation#r1#GM0193#inv-1#req-1', 'regietafel:ijsselland', true],
    ['invitation#r1#GM0193#inv-1#req-1', 'regietafel:twente', false],
    ['invitation#r1#GM0193#inv-1#req-1', 'provincie:overijssel', true],
  ];
  it.each(cases)('%s for %s → %s', (id, role, visible) => {
    expect(mailVisibleTo(staff(role), id, overijssel, rounds)).toBe(visible);
  });
});
