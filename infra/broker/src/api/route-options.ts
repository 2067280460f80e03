// Options every broker route shares.

// The broker listens on the machine's loopback for the local mode only: no access tokens.
export const config = { auth: 'public' } as const;

// Publish, fetch and settle run thousands of times a second: log only their failures, not one
// line per request as the other routes do.
export const HOT_PATH_LOG_LEVEL = 'warn';
