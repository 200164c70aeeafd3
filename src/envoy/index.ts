/**
 * The Envoy bootstrap toolkit behind `consilium envoy`: generate a v3 bootstrap from a Consilium config
 * (object or commented YAML, optionally as a Kubernetes ConfigMap), check any bootstrap against Envoy's
 * protos, and read a bootstrap as a typed view for the dev gateway. CLI tier: nothing below src/cli imports it.
 */
export { generateBootstrap, buildBootstrap, DEFAULT_LISTEN_PORT, DEFAULT_ADMIN_PORT, MAX_MESSAGE_TIMEOUT_MS } from './generate.js';
export type { BootstrapOptions, GeneratedBootstrap } from './generate.js';
export { renderBootstrapYaml, renderConfigMapYaml } from './render.js';
export { configMapManifest, qualifyHost, extProcServiceAddress, CONFIGMAP_KEY, DEFAULT_CONFIGMAP_NAME, DEFAULT_CONSILIUM_SERVICE } from './k8s.js';
export type { K8sOptions } from './k8s.js';
export { deriveLimits, duration } from './limits.js';
export type { EnvoyLimits } from './limits.js';
export { checkBootstrap, checkBootstrapText, BOOTSTRAP_TYPE } from './check.js';
export type { CheckOptions } from './check.js';
export { formatIssue as formatCheckIssue } from './check-issue.js';
export type { CheckIssue, IssueKind } from './check-issue.js';
export { readGatewayView } from './view.js';
export type { GatewayView, GatewayRoute, GatewayCluster, GatewayExtProc, LocalReplyMapper, RouteAction, RouteMatch, RetryView } from './view.js';
export { selectRoute, renderLocalReply } from './view-routing.js';
export type { LocalReply, RenderedReply } from './view-routing.js';
export { EXT_PROC_CLUSTER, FILTER_NAMES, MESSAGE_TYPES, typeUrl } from './names.js';
