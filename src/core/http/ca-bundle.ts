import { X509Certificate } from 'node:crypto';
import { messageOf, UsageError } from '../errors.js';

/**
 * Check a bundle of extra trusted CA certificates (PEM) before any connection uses it: TLS
 * would silently skip what it cannot parse, and then fail later with "certificate not
 * trusted" for a server the user did try to trust. `source` names the bundle in messages.
 */
export function checkCaBundle(pem: string, source: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new UsageError(`${source} holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block); give the CA certificate that signed the registry server's certificate, in PEM form`);
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new UsageError(`${source}: certificate ${i + 1} of ${blocks.length} does not parse (${messageOf(error)}); replace it with the CA certificate in PEM form`, { cause: error });
    }
  });
}
