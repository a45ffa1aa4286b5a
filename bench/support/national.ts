import { spawn } from 'node:child_process';
import type { Municipality, Registry } from '../../functions/core/model.js';

/** The Netherlands' 342 municipalities (2024), for benchmarks at national scale. */
export const municipalityCount = 342;

/** 12 provinces of 4 regions; 342 municipalities spread over them, as in the Netherlands. */
export function nationalRegistry(): Registry {
  const provinces = Array.from({ length: 12 }, (_, p) => ({
    id: `provincie-${p + 1}`,
    name: `Provincie ${p + 1}`,
    addresses: [`provincie${p + 1}@bench.example`],
  }));
  const regions = provinces.flatMap((province, p) =>
    Array.from({ length: 4 }, (_, r) => ({
      id: `regio-${p + 1}-${r + 1}`,
      name: `Regio ${p + 1}.${r + 1}`,
      province: province.id,
      boardName: `Regietafel ${p + 1}.${r + 1}`,
      addresses: [`regio${p + 1}-${r + 1}@bench.example`],
    })),
  );
  const municipalities: Municipality[] = Array.from({ length: municipalityCount }, (_, i) => ({
    code: `GM${String(1000 + i).padStart(4, '0')}`,
    name: `Gemeente ${i + 1}`,
    region: regions[i % regions.length]!.id,
    contacts: [`gemeente${i + 1}@bench.example`],
  }));
  return { provinces, regions, municipalities };
}

/** dynalite in its own process (in memory), so its data does not count in this one's heap. */
export async function startDynaliteProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s = require('dynalite')({ createTableMs: 0 }); s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
