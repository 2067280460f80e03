// Configuration is read from the environment once, at start, and validated against a schema.
// A missing or malformed setting stops the process with one line naming it.
import { type Static, type TObject, Type } from 'typebox';
import { Value } from 'typebox/value';

export class ConfigError extends Error {}

/** Parses `env` against `schema` (keys are variable names); throws ConfigError naming each bad setting. */
export function parseConfig<T extends TObject>(schema: T, env: NodeJS.ProcessEnv = process.env): Static<T> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') input[key] = raw;
  }
  const value = Value.Convert(schema, Value.Default(schema, input));
  const errors = Value.Errors(schema, value);
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const name = e.instancePath.replace(/^\//, '') || requiredName(e.params) || 'config';
      const got = name in input ? ` (got ${JSON.stringify(input[name])})` : ' (not set)';
      return `${name} ${e.message}${got}`;
    });
    throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  return value as Static<T>;
}

function requiredName(params: unknown): string | undefined {
  const p = params as { requiredProperties?: string[] } | undefined;
  return p?.requiredProperties?.join(', ');
}

/** parseConfig for a process entry point: prints the one-line reason and exits with status 78 (EX_CONFIG). */
export function loadConfig<T extends TObject>(schema: T, env: NodeJS.ProcessEnv = process.env): Static<T> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Settings every service reads. Services extend it with their own. */
export const ServiceConfig = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  SERVICE_VERSION: Type.String({ default: 'v1' }),
});

export const DatabaseConfig = Type.Object({
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});

export const AuthConfig = Type.Object({
  JWKS_URL: Type.String({ pattern: '^https?://' }),
  JWT_ISSUER: Type.String({ default: 'emporium-users' }),
  JWT_AUDIENCE: Type.String({ default: 'emporium' }),
});
