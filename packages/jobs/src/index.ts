export * from './enqueue.js';
export * from './runner.js';
