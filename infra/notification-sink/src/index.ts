// What other packages use in-process: starting a sink (tests of the notifications service) and its types.

export type { MessageJson } from './api/schemas.js';
export { SinkConfig } from './config.js';
export { type BuiltSink, buildSink, type RunningSink, type SinkOptions, startSink } from './sink.js';
export type { Channel, StoredMessage } from './store/message-store.js';
