import { describe, expect, it } from 'vitest';
import protocols from '../reference-data/protocols.json';
import { protocolForIllness } from './protocol-match';

const PROTOCOLS = protocols.protocols;

describe('a protocol attached to a recognised illness (R10, seeds/001_225b0d72771d4c3f.txt:L522-L549)', () => {
  it.each([
    { name: 'the diabetes PT on a diabetes ALD', pathology: 'DIABETE', code: 'PT_DIABETE', attached: 'PT_DIABETE' },
    { name: 'a PT of another pathology', pathology: 'DIABETE', code: 'PT_CANCER_SEIN', attached: null },
    { name: 'an ALD whose pathology has no PT', pathology: null, code: 'PT_DIABETE', attached: null },
    { name: 'a code not in the validated list', pathology: 'DIABETE', code: 'PT_GRIPPE', attached: null },
  ])('$name', ({ pathology, code, attached }) => {
    const match = protocolForIllness(pathology, code, PROTOCOLS);
    expect('protocol' in match ? match.protocol.code : null).toBe(attached);
    if (!('protocol' in match)) expect(match.violation.field).toBe('protocolCode');
  });
});
