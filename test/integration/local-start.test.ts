import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamTimeOfDay } from '../../functions/core/dutch-time.js';
import { routes } from '../../functions/http/routes.js';
import { type LocalRun, startLocalRun } from '../../functions/local/start-local.js';

/**
 * `npm start` as a newcomer reads it: one screen (at most 30 lines, none over 200 characters) with the
 * start page, the dashboard, the mailbox, an example invitation link and `npm run demo`, the job's time in
 * Dutch time; the local start page lists every invitation link per open round and municipality.
 */

// A fixed moment: the job's log line must show it in Amsterdam time, not the machine's (UTC here).
const now = new Date();
const logged: string[] = [];
let run: LocalRun;

beforeAll(async () => {
  run = await startLocalRun({
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    clock: { now: () => now },
    log: (line) => logged.push(line),
    scheduleMinutes: 0,
    outboxSeconds: 0,
  });
  await run.firstJob;
});

afterAll(async () => {
  await run?.stop();
});

const base = () => run.pipeline.baseUrl.replace('127.0.0.1', 'localhost');
const local = (url: string) => url.replace('localhost', '127.0.0.1');

/** The claims of an invitation link's token: which round and municipality it opens. */
function linkClaims(url: string): { round: string; sub: string } {
  const token = new URL(url).searchParams.get('code') ?? '';
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

describe('npm start', () => {
  it('prints one screen: the start page, the dashboard, the mailbox, an example link and npm run demo', () => {
    const lines = run.lines;
    expect(lines.length).toBeLessThanOrEqual(30);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(200);
    const screen = lines.join('\n');
    expect(screen).toContain(`${base()}/_lokaal/`);
    expect(screen).toContain(`${base()}/staf/rondes`);
    expect(screen).toContain(`${run.pipeline.ses.url.replace('127.0.0.1', 'localhost')}/`);
    expect(screen).toContain('npm run demo');
    expect(screen).toMatch(/\/_lokaal\/uitnodiging\/[^/\s]+\/GM\d{4}/);
    // Deadlines in Dutch, in Amsterdam time (the demo rounds close at 17:00 or 18:00 there, 16:00 UTC).
    expect(screen).toMatch(/sluit \d{1,2} \w+ \d{4} om 1[78]:00/);
  });

  it("logs the scheduled job's run in Dutch time (Europe/Amsterdam), whatever the machine's zone", () => {
    const line = logged.find((candidate) => candidate.startsWith('[planning]'));
    expect(line).toBeDefined();
    expect(line).toContain(`[planning] ${amsterdamTimeOfDay(now)}:`);
    const utc = now.toISOString().slice(11, 19);
    expect(amsterdamTimeOfDay(now)).not.toBe(utc);
    expect(line!.length).toBeLessThanOrEqual(200);
  });

  it('serves a local start page listing one invitation link per municipality per open round', async () => {
    const response = await fetch(`${run.pipeline.baseUrl}/_lokaal/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="nl"');
    expect(page).toContain('alleen op deze computer');
    expect(page).toContain('href="/staf/rondes"');
    expect(page).toContain('npm run demo');
    const links = [...page.matchAll(/href="([^"]*\/uitnodiging\?code=[^"]+)"/g)].map((match) => match[1]!);
    const registry = await run.pipeline.store.getRegistry();
    const rounds = (await run.pipeline.store.listRounds()).filter(
      (round) => round.deadline > now.toISOString(),
    );
    expect(rounds).toHaveLength(3);
    const expected = rounds.flatMap((round) =>
      registry.municipalities
        .filter((municipality) => round.regions.includes(municipality.region))
        .map((municipality) => `${round.id}/${municipality.code}`),
    );
    expect(expected).toHaveLength(75);
    expect(links.map((link) => `${linkClaims(link).round}/${linkClaims(link).sub}`).sort()).toEqual(
      expected.sort(),
    );
    // Viewing it again makes no new links.
    const again = await (await fetch(`${run.pipeline.baseUrl}/_lokaal/`)).text();
    expect([...again.matchAll(/href="([^"]*\/uitnodiging\?code=[^"]+)"/g)].map((m) => m[1])).toEqual(links);
  });

  it("leads the printed example link to that municipality's invitation, which opens its form", async () => {
    const example = /(http:\/\/\S+\/_lokaal\/uitnodiging\/\S+)/.exec(run.lines.join('\n'))?.[1];
    expect(example).toBeDefined();
    const redirect = await fetch(local(example!), { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const invitation = redirect.headers.get('location')!;
    expect(invitation).toContain('/uitnodiging?code=');
    expect(linkClaims(invitation).sub).toBe(example!.split('/').at(-1));
    const opened = await fetch(local(invitation), { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toContain(`/formulieren/`);
    expect((await fetch(`${run.pipeline.baseUrl}/_lokaal/uitnodiging/geen-ronde/GM0193`)).status).toBe(404);
  });

  it('is local only: no route of the route table (what AWS serves) lies under /_lokaal/', () => {
    expect(routes.filter((route) => route.path.startsWith('/_lokaal'))).toEqual([]);
  });
});

describe('the terminal after `npm start`', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regietafel-npm-start-'));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGINT');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is one screen in all: npm’s own lines and the screen, at most 30 lines, none over 200 characters', async () => {
    // The real command as a newcomer types it, on free ports and an empty data folder; what npm prints
    // (its lines for the script, any pre-script's) counts, on stdout and stderr alike.
    child = spawn('npm', ['start'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: '0', DYNAMODB_PORT: '0', SES_PORT: '0', REGIETAFEL_DATA_DIR: dataDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const terminal: string[] = [];
    const errors = createInterface({ input: child.stderr! });
    errors.on('line', (line) => terminal.push(line));
    // Up to the scheduled job's line, the last of the first screen.
    for await (const line of createInterface({ input: child.stdout! })) {
      terminal.push(line);
      if (line.startsWith('[planning]')) break;
    }
    const screen = terminal.join('\n');
    expect(screen).toContain('Regietafel draait lokaal');
    expect(screen).toContain('npm run demo');
    expect(terminal.length, screen).toBeLessThanOrEqual(30);
    for (const line of terminal) expect(line.length, line).toBeLessThanOrEqual(200);
  }, 120_000);
});
