// How a message is declared: its owning service, name, version, kind and the schema of its `data`.
// The CloudEvents `type` and the broker subject are derived from these, never written by hand.
import { type Static, type TProperties, type TSchema, Type } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

export type MessageKind = 'event' | 'command';

export interface MessageDefinition<S extends TSchema = TSchema> {
  /** The service whose stream carries it: the publisher of an event, the receiver of a command. */
  service: string;
  name: string;
  version: number;
  kind: MessageKind;
  description: string;
  schema: S;
  /** `emporium.<service>.<Name>.v<N>`: the CloudEvents type and the broker subject. */
  type: string;
  validator: Validator<TProperties, S>;
}

export type DataOf<D> = D extends MessageDefinition<infer S> ? Static<S> : never;

export function defineMessage<S extends TSchema>(def: {
  service: string;
  name: string;
  version: number;
  kind: MessageKind;
  description: string;
  data: S;
}): MessageDefinition<S> {
  if (!/^[a-z]+$/.test(def.service)) throw new Error(`service "${def.service}" must be lowercase letters`);
  if (!/^[A-Z][A-Za-z]+$/.test(def.name)) throw new Error(`message name "${def.name}" must be PascalCase`);
  return {
    service: def.service,
    name: def.name,
    version: def.version,
    kind: def.kind,
    description: def.description,
    schema: def.data,
    type: `emporium.${def.service}.${def.name}.v${def.version}`,
    validator: Compile(def.data),
  };
}

/** Objects in messages are closed: a field the schema does not know is a contract violation. */
export const Closed = <P extends Parameters<typeof Type.Object>[0]>(properties: P) =>
  Type.Object(properties, { additionalProperties: false });
