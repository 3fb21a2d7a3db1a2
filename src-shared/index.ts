export * from './api/contract.js';
export * from './api/events.js';
export * from './api/samples.js';
export * from './api/wire.js';
export * from './config/app-config.js';
export * from './domain/device.js';
export * from './domain/metrics.js';
export * from './domain/result.js';
