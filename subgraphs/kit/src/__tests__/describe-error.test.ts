import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../test/support/memory-logger';
import { describeError } from '../http/logger';

describe('what a log line says of an error', () => {
  it('replaces a national id in any case in its message and stack (synthetic ids)', () => {
    const described = describeError(new TypeError('no coverage for zz000001 (typed as ZZ000002), S20150412001 a minor'));
    expect(described.message).toBe('no coverage for <national id> (typed as <national id>), <national id> a minor');
    expect(described.stack).not.toMatch(/zz000001|ZZ000002|S20150412001/i);
    expect(described.type).toBe('TypeError');
  });

  it('keeps the ordinary words a message holds: hashes, encodings, versions, codes of diseases', () => {
    const text = 'SHA256 mismatch in UTF8 field A1 over HTTP2, 0xFF12, ICD-10 J45, E11 at line 12345';
    expect(describeError(new Error(text)).message).toBe(text);
  });

  it('logs an error whose message is not a string instead of throwing from the logger', () => {
    const { logger, text } = memoryLogger();
    const odd = Object.assign(new Error('x'), { message: { detail: 'ZZ000001' } as unknown as string });
    expect(() => logger.error({ err: odd }, 'odd error')).not.toThrow();
    expect(text()).toContain('odd error');
    expect(text()).not.toContain('ZZ000001');
  });
});
