import { resolve } from 'node:path';
import { type AimeRuntime, checkModelReady } from '@gepa-aime/core';
import type { AppOptions } from './app';
import { OnlineGepaSource } from './gepa/online-gepa-source';
import { createWorkflowExecutor } from './runs/workflow-executor';

/** The app's view of an AIME runtime: its workflow, readiness probe, model and online GEPA. */
export function appOptionsFromRuntime(
  runtime: AimeRuntime,
): Pick<AppOptions, 'executor' | 'readiness' | 'model' | 'gepa' | 'gepaTraceFile' | 'gepaThreshold' | 'onClose'> {
  const { onlineGepa } = runtime;
  return {
    executor: createWorkflowExecutor(runtime.workflow),
    readiness: (signal) => checkModelReady(runtime.config, signal),
    model: { provider: runtime.config.model.provider, model: runtime.model.modelId },
    ...(onlineGepa ? { gepa: new OnlineGepaSource(onlineGepa) } : {}),
    gepaTraceFile: onlineGepa?.tracePath ?? resolve(runtime.config.gepa.trace_path),
    gepaThreshold: runtime.config.gepa.threshold,
    // Outcomes recorded by the last runs reach the trace file before the process exits; MCP servers stop.
    onClose: async () => {
      await onlineGepa?.flush();
      await runtime.close();
    },
  };
}
