export * from './component-app.js';
export * from './handler-context.js';
export * from './openapi.js';
export * from './owned-database.js';
export * from './problems.js';
export * from './token-issuer.js';
