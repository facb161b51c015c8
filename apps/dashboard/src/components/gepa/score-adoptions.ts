import type { GEPATimelinePoint } from '../../api/types';

/** Points where a component's prompt changed: the first trace scored with a newly adopted candidate. */
export function findAdoptions(timeline: readonly GEPATimelinePoint[]): GEPATimelinePoint[] {
  const current = new Map<string, string>();
  const adoptions: GEPATimelinePoint[] = [];
  for (const point of timeline) {
    const previous = current.get(point.component);
    if (previous !== undefined && previous !== point.candidateId) adoptions.push(point);
    current.set(point.component, point.candidateId);
  }
  return adoptions;
}

export interface AdoptionMarker {
  point: GEPATimelinePoint;
  /** Empty for an adoption drawn under the label of an earlier one close by. */
  label: string;
}

/**
 * Labels for the adoption markers. Adoptions within a few traces of each other (planner and actor
 * prompts are often adopted in the same run) share one label, "new planner + actor", on the
 * first of them, so labels never overprint each other.
 */
export function labelAdoptions(adoptions: readonly GEPATimelinePoint[], traceCount: number): AdoptionMarker[] {
  const span = Math.max(1, Math.round(traceCount / 8));
  const markers: AdoptionMarker[] = [];
  let head: { marker: AdoptionMarker; components: string[] } | undefined;
  for (const point of adoptions) {
    if (head && point.index - head.marker.point.index <= span) {
      if (!head.components.includes(point.component)) head.components.push(point.component);
      head.marker.label = `new ${head.components.join(' + ')}`;
      markers.push({ point, label: '' });
      continue;
    }
    head = { marker: { point, label: `new ${point.component}` }, components: [point.component] };
    markers.push(head.marker);
  }
  return markers;
}
