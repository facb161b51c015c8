import { requestJson } from './http-client';
import type { GepaOverview } from './types';

export function getGepaOverview(): Promise<GepaOverview> {
  return requestJson('GET', '/gepa');
}
