import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FieldError } from '../../forms/definition.js';
import { readDutchDate } from '../../forms/dutch-date.js';
import type { AvailabilityWindow } from '../core/aggregation/places-available.js';
import type { Registry, Round } from '../core/model.js';
import { cycleWindow, type PlacesReport, placesReport } from '../core/places-report.js';
import type { Principal } from '../core/policy.js';
import { roundNotVisible, staffRound } from '../core/round-status.js';
import type { WindowInput } from '../pages/staff/places-page.js';
import { visibleScopes } from './dashboard.js';
import type { Dependencies } from './dependencies.js';

/**
 * What the places page and its export share: the window asked for (`?van=1-7-2025&tot=1-2-2026`, Dutch or
 * ISO dates; without both, the Spreidingswet window of the round's cycle), and the figures for the widest
 * scope this person sees of the round (the province for provincial staff, else their region).
 */

/** `2025-07-01` → `1-7-2025`, as the inputs show a date. */
export function dutchInput(iso: string): string {
  return `${Number(iso.slice(8, 10))}-${Number(iso.slice(5, 7))}-${iso.slice(0, 4)}`;
}

/** A day of the window as typed (the formats the forms read), or its error naming the field's label. */
function readDay(
  value: string,
  path: 'van' | 'tot',
  label: string,
  errors: FieldError[],
): string | undefined {
  const read = readDutchDate(value, label);
  if ('iso' in read) return read.iso;
  errors.push({ path, message: read.error });
  return undefined;
}

/**
 * The window from the query: both days given → those (or the errors, each naming its field); neither →
 * the cycle's window (`fallback`), or none when the round has no cycle with a window.
 */
export function readWindow(
  query: Readonly<Record<string, string | undefined>>,
  fallback: AvailabilityWindow | null,
): { input: WindowInput; window?: AvailabilityWindow; errors: FieldError[] } {
  const van = (query.van ?? '').trim().slice(0, 40);
  const tot = (query.tot ?? '').trim().slice(0, 40);
  if (!van && !tot) {
    return fallback
      ? {
          input: { van: dutchInput(fallback.from), tot: dutchInput(fallback.until) },
          window: fallback,
          errors: [],
        }
      : { input: { van: '', tot: '' }, errors: [] };
  }
  const errors: FieldError[] = [];
  const from = readDay(van, 'van', 'Van', errors);
  const until = readDay(tot, 'tot', 'Tot en met', errors);
  if (from && until && until < from) {
    errors.push({
      path: 'tot',
      message: 'De laatste dag van de periode moet op of na de eerste dag liggen.',
    });
  }
  return errors.length === 0 && from && until
    ? { input: { van, tot }, window: { from, until }, errors }
    : { input: { van, tot }, errors };
}

export interface PlacesRequest {
  readonly round: Round;
  readonly input: WindowInput;
  readonly errors: readonly FieldError[];
  readonly cycleWindow: AvailabilityWindow | null;
  /** Undefined while the window has errors or is not given. */
  readonly report?: PlacesReport;
}

/** The round (404 when not this person's), the window asked for, and the figures when it is a window. */
export async function placesRequest(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  event: APIGatewayProxyEventV2,
  principal: Principal,
  registry: Registry,
): Promise<PlacesRequest> {
  const { round } = await staffRound(deps, {
    principal,
    roundId: event.pathParameters?.roundId ?? '',
    registry,
  });
  const scopes = visibleScopes(principal, round, registry);
  const scope = scopes.find((candidate) => candidate.type === 'province') ?? scopes[0];
  if (!scope) throw roundNotVisible(round.id);
  const fallback = cycleWindow(round);
  const { input, window, errors } = readWindow(event.queryStringParameters ?? {}, fallback);
  const report = window ? await placesReport(deps, { round, registry, scope, window }) : undefined;
  return { round, input, errors, cycleWindow: fallback, report };
}
