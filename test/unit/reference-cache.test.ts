import { describe, expect, it } from 'vitest';
import {
  cachedRead,
  forgetReferences,
  referenceTtlMs,
  thenForget,
} from '../../functions/adapters/dynamo/reference-cache.js';

describe('the process copy of rounds, registry items and targets', () => {
  it('answers from the copy until it is 30 s old, then reads again', async () => {
    let reads = 0;
    const load = async () => ({ id: 'r', reads: ++reads });
    const t0 = 1_000_000;
    expect(await cachedRead('t1', 'round#r', load, t0)).toEqual({ id: 'r', reads: 1 });
    expect(await cachedRead('t1', 'round#r', load, t0 + referenceTtlMs - 1)).toEqual({ id: 'r', reads: 1 });
    expect(await cachedRead('t1', 'round#r', load, t0 + referenceTtlMs)).toEqual({ id: 'r', reads: 2 });
  });

  it('forgets everything of the table after a write, even a read that was under way', async () => {
    let reads = 0;
    let release: () => void = () => {};
    const slow = () =>
      new Promise<{ reads: number }>((resolve) => {
        const n = ++reads;
        release = () => resolve({ reads: n });
      });
    const during = cachedRead('t2', 'region#x', slow);
    await thenForget('t2', Promise.resolve(true));
    release();
    expect(await during).toEqual({ reads: 1 });
    const after = cachedRead('t2', 'region#x', slow);
    release();
    expect(await after).toEqual({ reads: 2 });
  });

  it('keeps neither "not found" nor a failed read, and hands out copies nobody can change', async () => {
    let reads = 0;
    const missing = async () => {
      reads++;
      return undefined;
    };
    await cachedRead('t3', 'round#nope', missing);
    await cachedRead('t3', 'round#nope', missing);
    expect(reads).toBe(2);
    await expect(cachedRead('t3', 'round#bad', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cachedRead('t3', 'round#bad', async () => ({ ok: true }))).toEqual({ ok: true });
    const shared = await cachedRead('t3', 'round#list', async () => ({ regions: ['a'] }));
    expect(() => (shared!.regions as string[]).push('b')).toThrow(TypeError);
    forgetReferences('t3');
  });
});
