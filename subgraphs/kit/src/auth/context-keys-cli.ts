#!/usr/bin/env node
import { CONTEXT_KEY_ID, generateContextKeyPair } from './context-keys';

/**
 * `npm run context-keys -- [key id]`: prints a new ES256 key pair of the
 * caller context as environment lines, the private key for the gateway, the
 * public key for every subgraph. The key id defaults to `gw-<today>`.
 */
function main(argv: string[]): void {
  const keyId = argv[0] ?? `gw-${new Date().toISOString().slice(0, 10)}`;
  if (!CONTEXT_KEY_ID.test(keyId)) {
    process.stderr.write('a key id is 1 to 32 letters, digits, dots, dashes or underscores\n');
    process.exit(2);
  }
  const { privateKey, publicKey } = generateContextKeyPair();
  process.stdout.write(
    [
      '# The gateway only (a secret: keep it in the gateway secret store):',
      `GATEWAY_CONTEXT_KEY_ID=${keyId}`,
      `GATEWAY_CONTEXT_PRIVATE_KEY=${privateKey}`,
      '# Every subgraph (public). During a rotation, list the current key too, and remove it once the gateways sign with the new one:',
      `GATEWAY_CONTEXT_PUBLIC_KEYS=${keyId}:${publicKey}`,
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2));
