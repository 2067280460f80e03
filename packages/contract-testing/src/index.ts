import './no-tracking.js';

export { MatchersV3 } from '@pact-foundation/pact';
export * from './catalog-edges.js';
export * from './consumer-pact.js';
export * from './examples.js';
export * from './gateway-front.js';
export * from './handlers.js';
export * from './matrix.js';
export * from './message-consumer.js';
export * from './message-examples.js';
export * from './outbox.js';
export * from './pact-files.js';
export * from './provider-suite.js';
export * from './provider-values.js';
export * from './provider-verification.js';
export * from './schema-matchers.js';
export * from './verification-results.js';
export * from './versions.js';
