// Istio resources for tests, built from the few values a scenario cares about.

export interface RouteOptions {
  weights?: Record<string, number>;
  timeout?: string;
  retries?: { attempts: number; perTryTimeout?: string; retryOn?: string };
  fault?: string;
  extra?: string;
}

export function virtualService(host: string, options: RouteOptions = {}): string {
  const weights = options.weights ?? { v1: 100 };
  const routes = Object.entries(weights)
    .map(
      ([subset, weight]) =>
        `        - destination:\n            host: ${host}\n            subset: ${subset}\n          weight: ${weight}\n`,
    )
    .join('');
  const retries = options.retries
    ? `      retries:\n        attempts: ${options.retries.attempts}\n` +
      (options.retries.perTryTimeout ? `        perTryTimeout: ${options.retries.perTryTimeout}\n` : '') +
      (options.retries.retryOn ? `        retryOn: ${options.retries.retryOn}\n` : '')
    : '';
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${host}
spec:
  hosts:
    - ${host}
  http:
    - route:
${routes}${options.timeout ? `      timeout: ${options.timeout}\n` : ''}${retries}${options.fault ?? ''}${options.extra ?? ''}`;
}

export function destinationRule(host: string, trafficPolicy = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${host}
spec:
  host: ${host}
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
${trafficPolicy ? `  trafficPolicy:\n${trafficPolicy}` : ''}`;
}

export const both = (vs: string, dr: string) => `${vs}---\n${dr}`;
