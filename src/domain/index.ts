// The domain's public surface: pure types and rules, no I/O.
export * from './statuses.js';
export * from './errors.js';
export * from './time.js';
export * from './duration.js';
export * from './incident.js';
export * from './indicator.js';
export * from './uptime.js';
export * from './maintenance.js';
export * from './postmortem.js';
