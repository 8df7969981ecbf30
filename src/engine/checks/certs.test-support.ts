// Certificates for TLS tests, made in-process with node-forge: a test CA, leaf
// certificates it signs (valid, expiring soon, expired, not yet valid, for the
// wrong host) and a self-signed one. Keys come from node:crypto (fast, native).
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface KeyAndCert {
  key: string;
  cert: string;
}

export interface TestCertificates {
  /** The test CA's certificate (PEM): trust it to make the signed ones valid. */
  ca: string;
  valid: KeyAndCert;
  expiringIn5Days: KeyAndCert;
  expired: KeyAndCert;
  notYetValid: KeyAndCert;
  wrongHost: KeyAndCert;
  selfSigned: KeyAndCert;
}

const DAY = 86_400_000;
const LOOPBACK_NAMES = { dns: ['localhost'], ips: ['127.0.0.1'] };

function newKeys(): forge.pki.rsa.KeyPair & { pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    pem: privateKey,
  };
}

let serial = 0x1000;

interface CertSpec {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  names?: { dns: string[]; ips: string[] };
  isCa?: boolean;
}

function buildCert(spec: CertSpec, publicKey: forge.pki.PublicKey, issuer: { cert: forge.pki.Certificate | null; key: forge.pki.rsa.PrivateKey }): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = (serial++).toString(16); // even length, high bit clear: a minimal positive INTEGER
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = [
    { name: 'commonName', value: spec.commonName },
    { name: 'organizationName', value: 'Vigil Test' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(issuer.cert ? issuer.cert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.isCa === true, critical: true }];
  if (spec.isCa) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: true });
  }
  if (spec.names) {
    const altNames = [...spec.names.dns.map((value) => ({ type: 2, value })), ...spec.names.ips.map((ip) => ({ type: 7, ip }))];
    extensions.push({ name: 'subjectAltName', altNames });
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  cert.setExtensions(extensions);
  cert.sign(issuer.key, forge.md.sha256.create());
  return cert;
}

let cached: TestCertificates | null = null;

/** The whole set, made once per process; dates are relative to the real clock. */
export function testCertificates(): TestCertificates {
  if (cached) return cached;
  const now = Date.now();
  const caKeys = newKeys();
  const leafKeys = newKeys();
  const caCert = buildCert({ commonName: 'Vigil Test CA', notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 3650 * DAY), isCa: true }, caKeys.publicKey, {
    cert: null,
    key: caKeys.privateKey,
  });
  const issuer = { cert: caCert, key: caKeys.privateKey };
  const leaf = (spec: Omit<CertSpec, 'commonName'> & { commonName?: string }, selfSigned = false): KeyAndCert => {
    const full = { commonName: 'localhost', ...spec };
    const cert = buildCert(full, leafKeys.publicKey, selfSigned ? { cert: null, key: leafKeys.privateKey } : issuer);
    return { key: leafKeys.pem, cert: forge.pki.certificateToPem(cert) };
  };
  cached = {
    ca: forge.pki.certificateToPem(caCert),
    valid: leaf({ notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY), names: LOOPBACK_NAMES }),
    // Half a day of slack so "days left" reads 5 however long the tests take.
    expiringIn5Days: leaf({ notBefore: new Date(now - DAY), notAfter: new Date(now + 5 * DAY + DAY / 2), names: LOOPBACK_NAMES }),
    expired: leaf({ notBefore: new Date(now - 60 * DAY), notAfter: new Date(now - 2 * DAY), names: LOOPBACK_NAMES }),
    notYetValid: leaf({ notBefore: new Date(now + 2 * DAY), notAfter: new Date(now + 60 * DAY), names: LOOPBACK_NAMES }),
    wrongHost: leaf({ commonName: 'other.example.test', notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY), names: { dns: ['other.example.test'], ips: [] } }),
    selfSigned: leaf({ notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY), names: LOOPBACK_NAMES }, true),
  };
  return cached;
}
