// What a template is: from its typed data, a subject (stored and listed, so nothing personal in it),
// a short line for SMS and push, and a body in text and HTML for the recipient as known at send time.
import type { SafeHtml } from './html.js';

export interface Recipient {
  name: string;
}

export interface Body {
  text: string;
  html: SafeHtml;
}

export interface Template<D> {
  subject(data: D): string;
  short(data: D): string;
  body(data: D, recipient: Recipient): Body;
}

/** Declares a template; the identity function is there for the type checking of `D`. */
export const defineTemplate = <D>(template: Template<D>): Template<D> => template;
