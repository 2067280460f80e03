// The template table: every template by the name stored on a notification, with its data type.
import { orderCancelled } from './order-cancelled.js';
import { orderConfirmed } from './order-confirmed.js';
import { orderRejected } from './order-rejected.js';
import { orderShipped } from './order-shipped.js';
import { refundIssued } from './refund-issued.js';
import type { Body, Recipient, Template } from './template.js';
import { welcome } from './welcome.js';

export const TEMPLATES = {
  welcome,
  order_confirmed: orderConfirmed,
  order_rejected: orderRejected,
  order_shipped: orderShipped,
  order_cancelled: orderCancelled,
  refund_issued: refundIssued,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateData<N extends TemplateName> = (typeof TEMPLATES)[N] extends Template<infer D> ? D : never;

/** A template's name and its data, kept together so one cannot be paired with the other's data. */
export type TemplateCall = { [N in TemplateName]: { template: N; data: TemplateData<N> } }[TemplateName];

export interface RenderedMessage extends Body {
  subject: string;
  short: string;
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

// TypeScript cannot follow that a call's data matches its own template; TemplateCall guarantees it.
const templateOf = (call: TemplateCall) => TEMPLATES[call.template] as Template<TemplateCall['data']>;

export function subjectOf(call: TemplateCall): string {
  return templateOf(call).subject(call.data);
}

/** The line an SMS or a push carries. */
export function shortOf(call: TemplateCall): string {
  return templateOf(call).short(call.data);
}

export function render(call: TemplateCall, recipient: Recipient): RenderedMessage {
  const template = templateOf(call);
  return {
    subject: template.subject(call.data),
    short: template.short(call.data),
    ...template.body(call.data, recipient),
  };
}
