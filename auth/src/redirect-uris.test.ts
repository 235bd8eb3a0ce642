import { describe, expect, it } from 'vitest';
import { redirectUriAllowed, webOriginsOf } from './redirect-uris';

const CONSOLE = ['http://127.0.0.1:5173/*'];

describe('redirect URIs, matched as Keycloak does', () => {
  it.each([
    ['a page under the wildcard', CONSOLE, 'http://127.0.0.1:5173/callback', true],
    ['the origin root', CONSOLE, 'http://127.0.0.1:5173/', true],
    ['with a query', CONSOLE, 'http://127.0.0.1:5173/callback?from=search', true],
    ['another port', CONSOLE, 'http://127.0.0.1:5174/callback', false],
    ['a look-alike host', CONSOLE, 'http://127.0.0.1:5173.evil.invalid/callback', false],
    ['the origin without its slash', CONSOLE, 'http://127.0.0.1:5173', false],
    ['a fragment', CONSOLE, 'http://127.0.0.1:5173/callback#x', false],
    ['no URI', CONSOLE, null, false],
    ['not a URL', CONSOLE, 'callback', false],
    ['another scheme', ['javascript:*'], 'javascript:alert(1)', false],
    ['an exact pattern, equal', ['http://127.0.0.1:5173/callback'], 'http://127.0.0.1:5173/callback', true],
    ['an exact pattern, longer', ['http://127.0.0.1:5173/callback'], 'http://127.0.0.1:5173/callback/x', false],
  ])('%s', (_why, patterns, uri, expected) => {
    expect(redirectUriAllowed(patterns, uri)).toBe(expected);
  });

  it.each([
    [['http://127.0.0.1:5173'], CONSOLE, ['http://127.0.0.1:5173']],
    [['+'], CONSOLE, ['http://127.0.0.1:5173']],
    [[], CONSOLE, []],
  ])('web origins %j of %j', (webOrigins, redirectUris, expected) => {
    expect(webOriginsOf({ webOrigins, redirectUris })).toEqual(expected);
  });
});
