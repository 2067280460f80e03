// Rules about accounts that hold whatever the storage.
export type Role = 'customer' | 'admin';

export const MIN_PASSWORD_LENGTH = 10;

/** Emails are compared case-insensitively: stored and looked up in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function rolesFor(kind: 'customer' | 'admin'): Role[] {
  return kind === 'admin' ? ['customer', 'admin'] : ['customer'];
}
