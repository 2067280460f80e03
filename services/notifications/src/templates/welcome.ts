// Sent once an account is created.
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export type WelcomeData = Record<string, never>;

export const welcome = defineTemplate<WelcomeData>({
  subject: () => 'Welcome to Emporium',
  short: () => 'Welcome to Emporium! Your account is ready.',
  body: (_data, recipient) =>
    letter(recipient, 'Welcome to Emporium', [
      paragraph('Welcome to Emporium! Your account is ready, and the whole shop is open to you.'),
      paragraph('We will write when something happens to your orders: confirmed, shipped, or refunded.'),
    ]),
});
