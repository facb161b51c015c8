export { type FakeOpenAIServer, startFakeOpenAIServer } from './server';
export type {
  FakeAnswer,
  FakeFault,
  FakeHandler,
  FakeReply,
  FakeRequestContext,
  FakeServerOptions,
  FakeUsage,
  RecordedRequest,
} from './types';
