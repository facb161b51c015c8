import { requestJson } from './http-client';
import type { GEPAOverview } from './types';

export function getGEPAOverview(): Promise<GEPAOverview> {
  return requestJson('GET', '/gepa');
}
