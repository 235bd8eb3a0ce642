import type { IncomingMessage } from 'node:http';

/**
 * Once an answer has left before its request's body was read whole (a
 * refusal at the edge, an unknown route), the rest of the body is read and
 * dropped (Node does so) for at most `withinMs`, then the connection is
 * closed: a client trickling a body it announced as large holds no socket
 * past the time an admitted body has to arrive (`BODY_TIMEOUT_MS`).
 */
export function dropUnreadBodyWithin(req: IncomingMessage, withinMs: number): void {
  if (req.complete || req.destroyed) return;
  const timer = setTimeout(() => req.socket.destroy(), withinMs);
  timer.unref();
  const settled = () => clearTimeout(timer);
  req.once('end', settled);
  req.once('close', settled);
  req.resume();
}
