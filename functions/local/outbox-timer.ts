import { amsterdamTimeOfDay } from '../core/dutch-time.js';
import type { Clock, Mailer, Store } from '../core/ports.js';
import { deliverOutbox } from '../jobs/deliver-outbox.js';

/**
 * The local stand-in for the outbox sender's EventBridge schedule: the same `deliverOutbox`, every
 * `seconds` (60 by default, as on AWS), one run at a time. Prints a line only when it did something.
 */
export function startOutboxTimer(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  options: { baseUrl: string; seconds: number; log?: (line: string) => void },
): { stop(): void } {
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await deliverOutbox(deps, { baseUrl: options.baseUrl });
      const { sent, failed, 'retry-later': later } = result.delivered;
      if (result.repaired + sent + failed + later > 0) {
        log(
          `[wachtrij] ${amsterdamTimeOfDay(deps.clock.now())}: ${sent} verstuurd, ${later} later opnieuw, ${failed} mislukt${result.repaired > 0 ? `, ${result.repaired} bevestiging(en) hersteld` : ''}`,
        );
      }
    } catch (error) {
      log(`[wachtrij] mislukt: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = options.seconds > 0 ? setInterval(() => void run(), options.seconds * 1000) : undefined;
  return { stop: () => timer && clearInterval(timer) };
}
