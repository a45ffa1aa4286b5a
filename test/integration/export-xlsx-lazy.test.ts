import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postJson, startTestPipeline, type TestPipeline, validEigenBijdrage } from '../support/pipeline.js';

/**
 * The XLSX writer (write-excel-file, and with it its zip library fflate) is loaded on the first
 * `formaat=xlsx` only (issue 14): a CSV export, however big, never loads it. The module is wrapped so its
 * loading is counted; the export route runs in this process, as on the local server.
 */
const loads = vi.hoisted(() => ({ xlsx: 0 }));
vi.mock('write-excel-file/node', async (importOriginal) => {
  loads.xlsx += 1;
  return importOriginal();
});

let pipeline: TestPipeline;
let token: string;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  token = await pipeline.staffToken('provincie:overijssel');
  const answered = await postJson(pipeline.formUrl('GM0193'), {
    answers: validEigenBijdrage(),
    baseVersion: 0,
  });
  expect(answered.status).toBe(201);
});

afterAll(async () => {
  await pipeline?.stop();
});

const download = (params: Record<string, string>) =>
  fetch(
    `${pipeline.baseUrl}/staf/formulieren/${pipeline.round.formId}/export?${new URLSearchParams({ ronde: pipeline.round.id, ...params })}`,
    { headers: { authorization: `Bearer ${token}` } },
  );

describe('the XLSX writer is loaded only when an export asks for XLSX', () => {
  it('a CSV export does not load it; the first XLSX export does, once', async () => {
    for (const formaat of ['csv', 'csv']) {
      const response = await download({ formaat });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      await response.arrayBuffer();
    }
    expect(loads.xlsx).toBe(0);
    for (let i = 0; i < 2; i++) {
      const response = await download({ formaat: 'xlsx' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('spreadsheetml');
      await response.arrayBuffer();
    }
    expect(loads.xlsx).toBe(1);
  });
});
