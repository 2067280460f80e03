// Per-service delivery: workflows generated from the catalog and package graph, and the image file check.
export * from './dockerfile-check.js';
export * from './kubernetes.js';
export * from './workflow.js';
export * from './workflows.js';
export * from './workspaces.js';
