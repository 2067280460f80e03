// Generation and checks of the services' API documents, for the CLI's catalog check and for tests.
export * from './asyncapi.js';
export * from './breaking-changes.js';
export * from './documents.js';
export * from './openapi.js';
export * from './paths.js';
export * from './registrations.js';
export * from './schema-compat.js';
export * from './service-apps.js';
export * from './stable-json.js';
