/**
 * The standard gRPC health service (grpc.health.v1.Health: Check, Watch, List) on the ext_proc server, from
 * the grpc-health-check package. It reports the overall server ("") and the ext_proc service by name, so
 * Kubernetes gRPC probes, Envoy's gRPC health checks and grpc-health-probe all work. The server wiring flips
 * it to NOT_SERVING when draining starts, so health checkers stop sending new streams before the socket closes.
 */
import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

/** The overall server, by gRPC health convention. */
export const OVERALL_HEALTH_SERVICE = '';
/** Envoy's ExternalProcessor, the service Consilium implements (equal to extproc/protos.ts EXT_PROC_SERVICE). */
export const EXT_PROC_HEALTH_SERVICE = 'envoy.service.ext_proc.v3.ExternalProcessor';

export interface HealthOptions {
  /** Status before the first setServing call. Default true: register once the server is able to serve. */
  readonly serving?: boolean;
}

export interface HealthControl {
  /** SERVING or NOT_SERVING for every reported service; Watch streams see the change at once. */
  setServing(serving: boolean): void;
  readonly serving: boolean;
}

export function registerHealth(server: grpc.Server, options: HealthOptions = {}): HealthControl {
  let serving = options.serving ?? true;
  const status = (): ServingStatus => (serving ? 'SERVING' : 'NOT_SERVING');
  const health = new HealthImplementation({ [OVERALL_HEALTH_SERVICE]: status(), [EXT_PROC_HEALTH_SERVICE]: status() });
  health.addToServer(server);
  return {
    setServing(next: boolean): void {
      if (next === serving) return;
      serving = next;
      health.setStatus(OVERALL_HEALTH_SERVICE, status());
      health.setStatus(EXT_PROC_HEALTH_SERVICE, status());
    },
    get serving(): boolean {
      return serving;
    },
  };
}
