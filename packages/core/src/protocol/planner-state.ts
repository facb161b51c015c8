import { z } from 'zod';
import { taskSnapshotSchema } from './task-status';

/**
 * What the planner knows each iteration: the machine-readable state embedded in every planner
 * request (as a fenced ```json block after the prose) and carried in the request's metadata.
 */
export const plannerStateSchema = z.object({
  goal: z.string(),
  iteration: z.number().int().nonnegative(),
  maxIterations: z.number().int().positive(),
  tasks: z.array(taskSnapshotSchema),
  ready: z.array(z.string()),
  replanReason: z.string().nullable(),
  /** Tool bundles the planner may assign (name → tool names). */
  bundles: z.record(z.string(), z.array(z.string())).optional(),
  /** The bundles among `bundles` served by an MCP server (their tools are named `<bundle>__<tool>`). */
  mcpBundles: z.array(z.string()).optional(),
  /** The `description` of each bundle that has one (tool_bundles.json). */
  bundleDescriptions: z.record(z.string(), z.string()).optional(),
});
export type PlannerState = z.infer<typeof plannerStateSchema>;
