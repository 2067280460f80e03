// What component tests pass to message handlers they call directly: a logger that keeps what was said.
import type { HandlerContext } from '@emporium/messaging';

export interface TestHandlerContext extends HandlerContext {
  warnings: Array<{ fields: object; message: string }>;
}

export function testHandlerContext(): TestHandlerContext {
  const warnings: TestHandlerContext['warnings'] = [];
  return { warnings, log: { warn: (fields, message) => void warnings.push({ fields, message }) } };
}
