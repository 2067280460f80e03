export * from './broker-process.js';
export * from './database.js';
export * from './embedded-broker.js';
export * from './machine-postgres.js';
export * from './nats-server.js';
export * from './ports.js';
export * from './runtime.js';
export * from './tokens.js';
