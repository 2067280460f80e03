// What a consumer received, checked layer by layer: JSON, the CloudEvents envelope, a known type,
// then `data` against that type's schema. Anything that fails is refused with a reason (and dead-lettered).
import { type CloudEvent, cloudEventValidator, type MessageDefinition, messageForType } from '@emporium/contracts';

export type Decoded = { ok: true; envelope: CloudEvent; definition: MessageDefinition } | { ok: false; reason: string };

export function decodeMessage(bytes: Uint8Array): Decoded {
  let value: unknown;
  try {
    // A view on the delivery's bytes, not a copy of them.
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  if (!cloudEventValidator.Check(value)) {
    const first = cloudEventValidator.Errors(value)[0];
    return {
      ok: false,
      reason: `not a CloudEvents envelope: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
    };
  }
  const definition = messageForType(value.type);
  if (!definition) return { ok: false, reason: `unknown type ${value.type}` };
  if (!definition.validator.Check(value.data)) {
    const first = definition.validator.Errors(value.data)[0];
    return {
      ok: false,
      reason: `data does not match ${value.type}: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, envelope: value, definition };
}
