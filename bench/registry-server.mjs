// A tiny https server for the fetch task: serves a folder registry on 127.0.0.1, with the
// archive URLs in its JSON files rewritten from the published base to this server. Archives
// are streamed from disk with their Content-Length, as a static file server or CDN does.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { resolve, sep } from 'node:path';

/**
 * Start serving `root` over https ({key, cert} PEM files) on a free port of 127.0.0.1.
 * Every `.json` file is served with `from` replaced by this server's base URL (so the index
 * points here, the checksums unchanged); anything else is streamed as it is. Resolves with
 * {base, requests, close()}: `requests` lists each answered request (path, status, bytes
 * sent, user agent, TLS protocol and cipher) for the checks and the report.
 */
export function startRegistryServer({ root, tls, from }) {
  const top = resolve(root);
  const requests = [];
  let base;
  const server = createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, (req, res) => {
    const record = { method: req.method, path: req.url, agent: req.headers['user-agent'], status: 0, bytes: 0, protocol: req.socket.getProtocol?.(), cipher: req.socket.getCipher?.()?.name };
    requests.push(record);
    const answer = (status, headers, body) => {
      record.status = status;
      res.writeHead(status, headers);
      if (typeof body === 'function') body();
      else res.end(body);
    };
    let path;
    try {
      path = resolve(top, `.${decodeURIComponent(new URL(req.url, 'https://127.0.0.1').pathname)}`);
    } catch {
      return answer(400, { 'content-type': 'text/plain' }, 'bad path\n');
    }
    const stat = path.startsWith(`${top}${sep}`) ? statSync(path, { throwIfNoEntry: false }) : undefined;
    if (req.method !== 'GET' || !stat?.isFile()) return answer(req.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' }, 'not here\n');
    if (path.endsWith('.json')) {
      const body = Buffer.from(readFileSync(path, 'utf8').replaceAll(from, base), 'utf8');
      record.bytes = body.length;
      return answer(200, { 'content-type': 'application/json', 'content-length': body.length }, body);
    }
    answer(200, { 'content-type': 'application/octet-stream', 'content-length': stat.size }, () => {
      const file = createReadStream(path);
      file.on('error', (error) => res.destroy(error));
      res.on('finish', () => {
        record.bytes = stat.size;
      });
      file.pipe(res);
    });
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      base = `https://127.0.0.1:${server.address().port}/`;
      resolveStart({
        base,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
