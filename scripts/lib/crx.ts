// CRX3, written by hand with node:crypto and a three-field protobuf encoder (the format is small
// and stable; no dependency to vet). Layout: "Cr24", version 3, header length, CrxFileHeader, zip.
// The extension id is the first 16 bytes of SHA-256 over the public key (SPKI DER), as a-p digits.
import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';

/** The id Chrome gives an extension whose key is `spki` (DER, or the manifest's base64 `key`). */
export function extensionId(spki: Buffer | string): string {
  const der = typeof spki === 'string' ? Buffer.from(spki, 'base64') : spki;
  const hash = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hash].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

export function publicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field (wire type 2). */
function field(number: number, value: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(value.length), value]);
}

const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'binary');

export function crx3(zipBytes: Buffer, privateKey: KeyObject): Buffer {
  const spki = publicKeyDer(privateKey);
  const crxId = createHash('sha256').update(spki).digest().subarray(0, 16);
  // SignedData { bytes crx_id = 1; }
  const signedHeaderData = field(1, crxId);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length);
  const signature = sign('sha256', Buffer.concat([SIGNATURE_CONTEXT, length, signedHeaderData, zipBytes]), privateKey);
  // CrxFileHeader { repeated AsymmetricKeyProof sha256_with_rsa = 2; bytes signed_header_data = 10000; }
  // AsymmetricKeyProof { bytes public_key = 1; bytes signature = 2; }
  const header = Buffer.concat([field(2, Buffer.concat([field(1, spki), field(2, signature)])), field(10000, signedHeaderData)]);
  const prefix = Buffer.alloc(12);
  prefix.write('Cr24', 0, 'ascii');
  prefix.writeUInt32LE(3, 4);
  prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([prefix, header, zipBytes]);
}
