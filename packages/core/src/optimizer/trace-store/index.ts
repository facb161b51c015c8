export {
  isTraceDecision,
  parseTraceRecord,
  type TraceDecision,
  type TraceDecisionInput,
  type TraceDecisionKind,
  type TraceExample,
  type TraceExampleInput,
  type TraceRecord,
  timestampMs,
  traceDecisionSchema,
  traceExampleSchema,
} from './trace-record';
export { type LoadedTraces, type TraceLogger, TraceStore, type TraceStoreOptions } from './trace-store';
