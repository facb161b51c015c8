import { resolve } from 'node:path';
import { type AIMERuntime, checkModelReady } from '@gepa-aime/core';
import type { AppOptions } from './app';
import { OnlineGEPASource } from './gepa/online-gepa-source';
import { createWorkflowExecutor } from './runs/workflow-executor';

/** The app's view of an AIME runtime: its workflow, readiness probe, model and online GEPA. */
export function appOptionsFromRuntime(
  runtime: AIMERuntime,
): Pick<AppOptions, 'executor' | 'readiness' | 'model' | 'gepa' | 'gepaTraceFile' | 'gepaThreshold' | 'onClose'> {
  const { onlineGEPA } = runtime;
  return {
    executor: createWorkflowExecutor(runtime.workflow),
    readiness: (signal) => checkModelReady(runtime.config, signal),
    model: { provider: runtime.config.model.provider, model: runtime.model.modelId },
    ...(onlineGEPA ? { gepa: new OnlineGEPASource(onlineGEPA) } : {}),
    gepaTraceFile: onlineGEPA?.tracePath ?? resolve(runtime.config.gepa.trace_path),
    gepaThreshold: runtime.config.gepa.threshold,
    // Outcomes recorded by the last runs reach the trace file before the process exits; MCP servers stop.
    onClose: async () => {
      await onlineGEPA?.flush();
      await runtime.close();
    },
  };
}
