// A collector stand-in for the traced contestant: an OTLP/HTTP receiver on
// loopback that reads each export and answers 200, keeping nothing but a
// count, so the benchmark measures the gateway's cost of making and
// exporting spans, not a collector's.
import { createServer } from 'node:http';

/** Starts the sink; `{ endpoint, exports(), close() }`. */
export async function startOtlpSink() {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exports += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    exports: () => exports,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
