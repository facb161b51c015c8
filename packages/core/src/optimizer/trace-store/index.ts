export { type BadTraceLine, TraceImportError } from './trace-import-error';
export type { GEPATraceLog, LoadedTraces, TraceCatchUp, TraceLogStep, TraceRecordInput } from './trace-log';
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
export { type TraceLogger, TraceStore, type TraceStoreOptions } from './trace-store';
export {
  exportTraces,
  type ImportTracesOptions,
  importTraces,
  parseTraceLines,
  type TraceTransferProgress,
} from './trace-transfer';
