// Local passwords for the embedded cluster: one random secret kept in the data folder (mode 0600),
// from which the superuser's and each service role's password are derived.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LocalSecrets {
  passwordFor(name: string): string;
}

export async function loadLocalSecrets(file: string): Promise<LocalSecrets> {
  if (!existsSync(file)) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    });
  }
  const secret = (await readFile(file, 'utf8')).trim();
  return { passwordFor: (name) => createHmac('sha256', secret).update(name).digest('base64url') };
}
