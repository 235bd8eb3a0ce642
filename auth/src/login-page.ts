/** Escapes text for HTML content and attribute values. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What the sign-in page shows. */
export interface LoginPage {
  /** Where the form posts (the pending sign-in's URL). */
  action: string;
  /** The client's name, so the user knows what they sign in to. */
  clientName: string;
  /** The username typed before, kept after a failed attempt. */
  username?: string;
  /** The message of a failed attempt; the same whether the user is unknown or the password wrong. */
  error?: string;
}

/**
 * The development issuer's sign-in form, shaped like Keycloak's (`kc-form-login`,
 * fields `username` and `password`) so the same test helper and browser
 * steps drive both.
 */
export function renderLoginPage(page: LoginPage): string {
  const error = page.error ? `<p id="input-error" role="alert">${escape(page.error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in: ${escape(page.clientName)} (development)</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Sign in to ${escape(page.clientName)}</h1>
<p>Development issuer: the realm's synthetic users only.</p>
${error}
<form id="kc-form-login" action="${escape(page.action)}" method="post">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" value="${escape(page.username ?? '')}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="kc-login" type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
}
