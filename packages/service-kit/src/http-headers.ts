// Header fields that belong to one connection, not to the message (RFC 9110 §7.6.1): a proxy (the gateway,
// the local mesh) drops them, and those the `connection` field names, before forwarding.
export const HOP_BY_HOP_HEADERS: readonly string[] = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
