import type { FieldError } from '../../forms/definition.js';

/**
 * Domain errors carry their HTTP status and a Dutch message an official understands. Use cases throw
 * them; the HTTP layer turns them into a page or JSON. `expose` follows middy's convention.
 */
export class DomainError extends Error {
  readonly expose = true;
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The heading of the error page, when the status's own title would mislead. */
    readonly title?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string) {
    super(400, 'bad_request', message);
  }
}

/**
 * Not (or no longer) signed in: no link, a forged, expired or revoked link, or no staff token. Officials
 * never sign in, so their pages are titled after the link (`Deze link werkt niet`), never `Niet aangemeld`.
 */
export class Unauthorized extends DomainError {
  constructor(message: string, title?: string) {
    super(401, 'unauthorized', message, title);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

/** A 403 because the round is not open (yet, or any more): a submission's retry may still be answered. */
export class RoundNotOpen extends Forbidden {}

export class NotFound extends DomainError {
  constructor(message = 'Deze pagina bestaat niet. Controleer de link uit uw uitnodiging.', title?: string) {
    super(404, 'not_found', message, title);
  }
}

export class MethodNotAllowed extends DomainError {
  constructor(
    readonly allowed: readonly string[],
    method: string,
  ) {
    super(
      405,
      'method_not_allowed',
      `De methode ${method} is hier niet toegestaan. Toegestaan: ${allowed.join(', ')}.`,
    );
  }
}

export class Conflict extends DomainError {
  constructor(message: string, title?: string) {
    super(409, 'conflict', message, title);
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super(
      413,
      'payload_too_large',
      `Uw inzending is te groot: de grens is ${Math.round(limitBytes / 1024)} kB.`,
    );
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor() {
    super(
      415,
      'unsupported_media_type',
      'Stuur het formulier als application/x-www-form-urlencoded (browser) of application/json.',
    );
  }
}

/** Invalid or missing answers: one Dutch message per field. */
export class ValidationFailed extends DomainError {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super(
      422,
      'validation_failed',
      fieldErrors.length === 1
        ? 'Er is 1 probleem met de antwoorden.'
        : `Er zijn ${fieldErrors.length} problemen met de antwoorden.`,
    );
  }
}
