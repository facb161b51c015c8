import { registerModelProvider } from '@gepa-aime/core';
import { OfflineModel } from './offline-model';

/**
 * Makes `provider: offline` (the default in model_config.yaml) usable by core's createModel. The
 * apps call it once at start; calling it again is harmless. Returns the unregister function.
 */
export function registerOfflineModel(): () => void {
  return registerModelProvider('offline', () => new OfflineModel());
}
