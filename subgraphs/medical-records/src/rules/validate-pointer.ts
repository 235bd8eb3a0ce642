import { hasControlCharacters, normaliseUuid } from '@cmb/kit';
import type { Checked, PointerDraft, PointerRules, ValidPointer, Violation } from './facts';

/** Opaque ids are read by the kit's rule, shared with the other subgraphs that take a person reference. */
export { normaliseUuid };

const SHA256 = /^[0-9a-f]{64}$/;

/** True when a host is on the allow-list: an exact entry, or a `*.domain` entry it is a sub-domain of. */
export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) && name.length > allowed.length - 1 : name === allowed;
  });
}

/**
 * Checks a repository URL: https only, a host of the allow-list, no
 * credentials in it (a pointer is shared; a secret in it would leak), and a
 * bounded length. Returns the URL in its normalised form.
 */
export function checkRepositoryUrl(raw: string, rules: Pick<PointerRules, 'urlMaxLength' | 'allowedHosts'>): Checked<string> {
  const refuse = (expected: string): Checked<string> => ({ ok: false, violation: { field: 'repositoryUrl', expected } });
  const text = raw.trim();
  if (text.length === 0 || text.length > rules.urlMaxLength) return refuse(`an https URL of at most ${rules.urlMaxLength} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('an absolute https URL');
  }
  if (url.protocol !== 'https:') return refuse('an https URL');
  if (url.username !== '' || url.password !== '') return refuse('an https URL without credentials');
  if (!isHostAllowed(url.hostname, rules.allowedHosts))
    return refuse(`a URL on a declared document repository (${rules.allowedHosts.join(', ')})`);
  return { ok: true, value: url.href };
}

/**
 * Validates a document pointer against the reference limits. Pure: the
 * first violation names the field and the expected form, never the value.
 */
export function validatePointer(draft: PointerDraft, rules: PointerRules): Checked<ValidPointer> {
  const refuse = (violation: Violation): Checked<ValidPointer> => ({ ok: false, violation });
  const personRef = normaliseUuid(draft.personRef);
  if (!personRef) return refuse({ field: 'personRef', expected: 'a person reference (UUID)' });
  if (!rules.documentTypes.includes(draft.type))
    return refuse({ field: 'type', expected: `a document type of the reference list (${rules.documentTypes.join(', ')})` });
  const title = draft.title.trim();
  if (title.length === 0 || title.length > rules.titleMaxLength || hasControlCharacters(title)) {
    return refuse({ field: 'title', expected: `1 to ${rules.titleMaxLength} characters, no control characters` });
  }
  const url = checkRepositoryUrl(draft.repositoryUrl, rules);
  if (!url.ok) return url;
  const sha256 = draft.sha256.trim().toLowerCase();
  if (!SHA256.test(sha256)) return refuse({ field: 'sha256', expected: 'a SHA-256 digest: 64 hexadecimal characters' });
  const { min, max } = rules.sizeBytes;
  if (!Number.isInteger(draft.sizeBytes) || draft.sizeBytes < min || draft.sizeBytes > max) {
    return refuse({ field: 'sizeBytes', expected: `a whole number of bytes from ${min} to ${max}` });
  }
  const mimeType = draft.mimeType.trim().toLowerCase();
  if (!rules.mimeTypes.includes(mimeType)) return refuse({ field: 'mimeType', expected: `one of ${rules.mimeTypes.join(', ')}` });
  let supersedes: string | null = null;
  if (draft.supersedes !== null && draft.supersedes !== undefined) {
    supersedes = normaliseUuid(draft.supersedes);
    if (!supersedes) return refuse({ field: 'supersedes', expected: 'a document id (UUID)' });
  }
  return {
    ok: true,
    value: { personRef, type: draft.type, title, repositoryUrl: url.value, sha256, sizeBytes: draft.sizeBytes, mimeType, supersedes },
  };
}
