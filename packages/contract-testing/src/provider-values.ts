// Values a request takes from its provider state (an id the state created, a token it issued): the
// pact keeps the example, and the provider fills in the real value when it verifies.
import './no-tracking.js';
import { MatchersV3 as M } from '@pact-foundation/pact';

/** `template` with each `{name}` replaced by the provider state's `name`; `example` is what the consumer sends. */
export function fromState(template: string, example: string) {
  return M.fromProviderState(
    template.replace(/\{(\w+)\}/g, (_, name: string) => `\${${name}}`),
    example,
  );
}
