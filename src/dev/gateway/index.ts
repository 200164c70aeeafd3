/**
 * The dev gateway's public surface: start it from options or from an Envoy v3 bootstrap.
 */
export { startGateway, type Gateway } from './server.js';
export { gatewayOptionsFromBootstrap } from './bootstrap.js';
export {
  CONSILIUM_PROCESSING_MODE,
  DEFAULT_LISTEN,
  ENVOY_DEFAULT_PROCESSING_MODE,
  ENVOY_DEFAULTS,
  resolveGatewayOptions,
  routeTable,
  type AccessLogEntry,
  type ClusterSpec,
  type Endpoint,
  type GatewayInput,
  type GatewayOptions,
  type HeaderAppendSemantics,
  type MutationRules,
  type RetryPolicy,
  type RouteAction,
  type RouteCacheAction,
  type RouteSpec,
} from './options.js';
