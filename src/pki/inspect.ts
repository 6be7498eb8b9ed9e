// What a learner compares when a CA is wrong: two certificates can carry the same name and still be
// different authorities, because trust follows the key, not the subject.
import { X509Certificate } from 'node:crypto';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** SHA-256 of the DER, as `openssl x509 -noout -fingerprint -sha256` prints it. */
  fingerprint: string;
  notAfter: string;
}

/** openssl x509 -noout -subject -issuer -fingerprint -sha256 -enddate, for the first certificate in a PEM. */
export function certificateSummary(pem: string): CertificateSummary {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    fingerprint: cert.fingerprint256,
    notAfter: new Date(cert.validTo).toISOString(),
  };
}
