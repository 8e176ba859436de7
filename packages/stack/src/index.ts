export * from './stack.js';
export * from './compose.js';
export * from './subgraphs.js';
export { seedHistory, type HistoryResult, type HistoryTarget } from './seed-history.js';
export {
  ConfigError,
  configuredVariables,
  embeddedConfig,
  gatewayConfig,
  migrateConfig,
  subgraphConfig,
  type GatewayConfig,
  type SubgraphConfig,
} from './env/index.js';
export * from './migrate.js';
export { HUB_PGLITE_TEMPLATE } from './template.js';
