import { DEV_FEDERATION_PROOF_SECRET, generateContextKeyPair } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

const production = {
  NODE_ENV: 'production',
  DECISION_ID_KEY: Buffer.alloc(32, 9).toString('base64'),
  GATEWAY_CONTEXT_PUBLIC_KEYS: `gw1:${generateContextKeyPair().publicKey}`,
  CONSENT_CAPABILITY_SECRET: 'a-consent-capability-secret-of-32-characters',
  FEDERATION_PROOF_SECRET: 'a-federation-proof-secret-of-32-characters',
};

describe('the beneficiaries configuration', () => {
  it('keys the consent capability with CONSENT_CAPABILITY_SECRET', () => {
    expect(loadConfig(production).consentCapabilitySecret).toEqual(Buffer.from(production.CONSENT_CAPABILITY_SECRET, 'utf8'));
  });

  it('refuses to start in production without it', () => {
    expect(() => loadConfig({ ...production, CONSENT_CAPABILITY_SECRET: undefined })).toThrowError(/CONSENT_CAPABILITY_SECRET must be set/);
    expect(() => loadConfig({ ...production, FEDERATION_PROOF_SECRET: undefined })).toThrowError(/FEDERATION_PROOF_SECRET must be set/);
    expect(() => loadConfig({ ...production, FEDERATION_PROOF_SECRET: DEV_FEDERATION_PROOF_SECRET })).toThrowError(
      /development federation proof secret is refused/,
    );
  });
});
