import { AIMEError } from '../../errors/aime-error';

export type GEPAErrorCode =
  | 'gepa_invalid_options'
  | 'gepa_state_mismatch'
  | 'gepa_budget_too_small'
  | 'gepa_aborted'
  | 'gepa_seed_evaluation_failed';

/** An optimizer run cannot start or continue: bad options, a run dir from another setup, no budget. */
export class GEPAError extends AIMEError {
  constructor(code: GEPAErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, {
      cause: options?.cause,
      isUserError: code !== 'gepa_aborted' && code !== 'gepa_seed_evaluation_failed',
    });
  }
}
