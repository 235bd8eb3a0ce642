import { describe, expect, it } from 'vitest';
import { registryRules } from '../config';
import { publishInputProblem } from './publish-input';

const rules = registryRules({ allowedRoutingHosts: ['127.0.0.1', 'cnss-claims.cnss.internal'] });
const valid = { name: 'cnss-claims', routingUrl: 'http://127.0.0.1:4201/graphql', sdl: 'type Query { a: Int }' };

describe('the input of a publish', () => {
  it('accepts a well-formed name, an allowed routing URL and an SDL within bounds', () => {
    expect(publishInputProblem(valid, rules)).toBeNull();
    expect(publishInputProblem({ ...valid, routingUrl: 'https://cnss-claims.cnss.internal/graphql' }, rules)).toBeNull();
  });

  it.each([
    ['a name with capitals', { name: 'CNSS-claims' }, 'name'],
    ['a name too short', { name: 'ab' }, 'name'],
    ['a name ending with a dash', { name: 'cnss-' }, 'name'],
    ['a URL that does not parse', { routingUrl: 'not a url' }, 'routingUrl'],
    ['a URL of another scheme', { routingUrl: 'file:///etc/passwd' }, 'routingUrl'],
    ['a URL with credentials', { routingUrl: 'http://user:secret@127.0.0.1:4201/graphql' }, 'routingUrl'],
    ['a URL to a host the registry does not route to', { routingUrl: 'http://169.254.169.254/latest' }, 'routingUrl'],
    ['an empty SDL', { sdl: '' }, 'sdl'],
    ['an SDL over the limit', { sdl: 'x'.repeat(rules.maxSdlBytes + 1) }, 'sdl'],
  ])('refuses %s', (_case, change, field) => {
    expect(publishInputProblem({ ...valid, ...change }, rules)?.field).toBe(field);
  });
});
