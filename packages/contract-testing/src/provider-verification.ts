// A provider verifying every committed pact it is named in, against its real code: HTTP interactions
// against its running app (provider states seed its database and may hand values - ids, tokens - to the
// request), message interactions by running the provider state's scenario, which makes the service
// publish through its own code path, and answering with what it put in its outbox.
import './no-tracking.js';
import type { CloudEvent } from '@emporium/contracts';
import { Verifier } from '@pact-foundation/pact';
import { committedPacts, type PactFile, pactDigest } from './pact-files.js';
import { recordVerification } from './verification-results.js';
import { versionOf } from './versions.js';

type Params = Record<string, unknown>;

export interface ProviderOptions {
  provider: string;
  /** Where a consumer's HTTP requests go (the gateway in front of the app, for the storefront). */
  baseUrlFor?(consumer: string): string;
  /** HTTP provider states: seed data; return values the request takes from the state (ids, tokens). */
  states?: Record<string, (params: Params) => Promise<Record<string, unknown> | undefined>>;
  /** Message provider states: make the service publish, return the envelopes it put in its outbox. */
  publishes?: Record<string, (params: Params) => Promise<CloudEvent[]>>;
  /** Where the result is recorded (tests of this package use their own). */
  resultsDir?: string;
}

/** The committed pacts naming `provider`, one per consumer. */
export function pactsOf(provider: string, dir?: string): Array<{ path: string; pact: PactFile }> {
  return committedPacts(dir).filter(({ pact }) => pact.provider.name === provider);
}

const statesOf = (pact: PactFile) =>
  new Set(pact.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name)));

/** What the last message scenario published, for the message providers to answer from. */
interface Published {
  state: string;
  envelopes: CloudEvent[];
}

function stateHandlersOf(options: ProviderOptions, published: Published) {
  return Object.fromEntries([
    ...Object.entries(options.states ?? {}).map(([name, setUp]) => [
      name,
      async (params: unknown) => (await setUp((params ?? {}) as Params)) as never,
    ]),
    ...Object.entries(options.publishes ?? {}).map(([name, scenario]) => [
      name,
      async (params: unknown) => {
        published.state = name;
        published.envelopes = await scenario((params ?? {}) as Params);
        return undefined;
      },
    ]),
  ]);
}

/** One message provider per message interaction: the envelope of the expected type its state published. */
function messageProvidersOf(pact: PactFile, published: Published) {
  const messages = pact.interactions.filter((i) => i.type === 'Asynchronous/Messages');
  return Object.fromEntries(
    messages.map((interaction) => {
      const type = (interaction.contents?.content as { type?: string } | undefined)?.type;
      const provide = async () => {
        const envelope = published.envelopes.find((e) => e.type === type);
        if (envelope) return envelope;
        const got = published.envelopes.map((e) => e.type).join(', ') || 'nothing';
        throw new Error(`"${published.state}" published ${got}, not ${type}`);
      };
      return [interaction.description, provide];
    }),
  );
}

/** Verifies one pact; records the result; rejects with Pact's report when it fails. */
export async function verifyPact(path: string, pact: PactFile, options: ProviderOptions): Promise<void> {
  const consumer = pact.consumer.name;
  const record = (success: boolean, failures: string[]) =>
    recordVerification(
      {
        consumer,
        consumerVersion: versionOf(consumer),
        provider: options.provider,
        providerVersion: versionOf(options.provider),
        pact: pactDigest(pact),
        verifiedAt: new Date().toISOString(),
        success,
        failures,
      },
      options.resultsDir,
    );
  const unknown = [...statesOf(pact)].filter(
    (s) => !(s in (options.states ?? {})) && !(s in (options.publishes ?? {})),
  );
  if (unknown.length > 0) {
    const failure = `${options.provider} cannot set up ${consumer}'s provider states: ${unknown.join('; ')}`;
    record(false, [failure]);
    throw new Error(failure);
  }
  const published: Published = { state: '', envelopes: [] };
  const baseUrl = options.baseUrlFor?.(consumer);
  try {
    await new Verifier({
      provider: options.provider,
      ...(baseUrl ? { providerBaseUrl: baseUrl } : {}),
      pactUrls: [path],
      stateHandlers: stateHandlersOf(options, published),
      messageProviders: messageProvidersOf(pact, published),
      logLevel: 'error',
    }).verifyProvider();
    record(true, []);
  } catch (error) {
    record(false, [failureSummary(error)]);
    throw error;
  }
}

function failureSummary(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const report = JSON.parse(text) as { errors?: Array<{ interaction: string }> };
    return (report.errors ?? []).map((e) => e.interaction).join('; ') || text.slice(0, 500);
  } catch {
    return text.slice(0, 500);
  }
}
