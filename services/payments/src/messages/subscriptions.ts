// What payments consumes, and why: the order saga's commands (see DESIGN.md, the order saga).
import { ProcessPayment, RefundPayment } from '@emporium/contracts';
import { on } from '@emporium/messaging';
import { processPayment } from '../flows/charging.js';
import { refundPayment } from '../flows/refunding.js';

export const HANDLERS = [
  on(ProcessPayment, "charge an order's total once, whatever the saga repeats", processPayment),
  on(RefundPayment, 'give back a captured payment (or one still in flight) when the saga compensates', refundPayment),
];
