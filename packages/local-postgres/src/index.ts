export * from './embedded.js';
export * from './provision.js';
export * from './secrets.js';
