import { AIMEError } from '@gepa-aime/core';

/** Another live server holds the run-log directory's lock (start-up refused, not a config mistake). */
export class TracesLockedError extends AIMEError {
  readonly holderPid: number;

  constructor(lockFile: string, holderPid: number) {
    super(
      'traces_locked',
      `another aime server (pid ${holderPid}) is already using ${lockFile}. ` +
        `Stop it (Ctrl-C in its terminal, or kill ${holderPid}) and start again, ` +
        'or give this server its own traces directory (AIME_TRACES_DIR=<dir>)',
    );
    this.holderPid = holderPid;
  }
}
