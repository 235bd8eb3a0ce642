/** Any control character (C0 and DEL): what one line of text a person or a file wrote may not hold. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Control characters but tab, line feed and carriage return: what a paragraph a person wrote may not hold. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Whether free text holds a control character: a NUL fails a PostgreSQL
 * statement (an internal error instead of a refusal naming the field), and a
 * line break or escape in a name or a title reaches every screen and export
 * that shows it. `paragraphs` allows tabs and line breaks (a reason a person
 * wrote), one line of text allows none.
 */
export function hasControlCharacters(text: string, { paragraphs = false }: { paragraphs?: boolean } = {}): boolean {
  return (paragraphs ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS).test(text);
}
