import type { Answers, FieldError, FormDefinition } from '../definition.js';
import type { SincePreviousRound } from '../diff.js';
import type { PageContact } from './layout.js';

/** A submitted version as its confirmation shows it, on the confirmation page and in the email. */
export interface ConfirmedVersion {
  readonly definition: FormDefinition;
  readonly municipalityName: string;
  readonly organisation: string;
  /** The region's secretariat (from the registry), named in the footer; the email's Reply-To too. */
  readonly contact?: PageContact;
  readonly roundTitle: string;
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly answers: Answers;
  readonly late: boolean;
  readonly warnings?: readonly FieldError[];
  /** What changed since the municipality's answers of the previous round of the form. */
  readonly sincePreviousRound?: SincePreviousRound;
}
