import { Writable } from 'node:stream';

/** A stream that keeps what is written, and a clock the test moves by hand. */
export function fakeOutput(options: { isTTY?: boolean; columns?: number } = {}) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  Object.assign(stream, { isTTY: options.isTTY ?? false, columns: options.columns });
  let time = 1_000_000;
  return {
    stream,
    /** Everything written, as one text. */
    text: () => chunks.join(''),
    /** The complete lines written. */
    lines: () => chunks.join('').split('\n').slice(0, -1),
    now: () => time,
    tick: (ms: number) => {
      time += ms;
    },
  };
}

/** Text without terminal escapes, as a person would read it. */
export function withoutEscapes(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escapes are what is removed
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
