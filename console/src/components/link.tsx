import type { ComponentChildren } from 'preact';
import { followLink } from '../router';

/** A link within the page. */
export function Link({ href, children, current }: { href: string; children: ComponentChildren; current?: boolean }) {
  return (
    <a href={href} onClick={(event) => followLink(event, href)} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
