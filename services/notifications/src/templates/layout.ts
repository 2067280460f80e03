// The frame every email shares: greeting, the template's paragraphs, sign-off, in text and in HTML.
import { html, type SafeHtml } from './html.js';
import type { Body, Recipient } from './template.js';

const SIGN_OFF = 'The Emporium team';

/** A paragraph: its text form, and its HTML form (escaped unless built with `html`). */
export interface Paragraph {
  text: string;
  html?: SafeHtml;
}

export function paragraph(text: string, markup?: SafeHtml): Paragraph {
  return markup ? { text, html: markup } : { text };
}

export function letter(recipient: Recipient, title: string, paragraphs: Paragraph[]): Body {
  const greeting = `Hi ${recipient.name},`;
  const text = [greeting, ...paragraphs.map((p) => p.text), SIGN_OFF].join('\n\n');
  const page = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #222">
<p>${greeting}</p>
${paragraphs.map((p) => html`<p>${p.html ?? p.text}</p>\n`)}<p>${SIGN_OFF}</p>
</body>
</html>
`;
  return { text: `${text}\n`, html: page };
}
