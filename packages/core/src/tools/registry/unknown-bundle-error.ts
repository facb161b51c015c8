import { AIMEError } from '../../errors/aime-error';

/** A tool bundle name that tool_bundles.json does not define. */
export class UnknownBundleError extends AIMEError {
  readonly bundleName: string;

  constructor(bundleName: string, knownBundles: string[]) {
    const known = knownBundles.length > 0 ? knownBundles.join(', ') : '(none)';
    super('unknown_bundle', `Unknown tool bundle "${bundleName}"; tool_bundles.json defines: ${known}`, {
      isUserError: true,
    });
    this.bundleName = bundleName;
  }
}
