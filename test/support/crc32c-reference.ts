/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bitwise table implementation, as an oracle
 * independent of the storage client's own: GCS reports it as the base64 of the 4 big-endian bytes.
 * Reference: RFC 3720 appendix B.4; check value CRC32C("123456789") = 0xE3069283.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C of `data` as an unsigned integer. */
export function crc32cReference(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i += 1) crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The `crc32c` field of a GCS object: base64 of the big-endian CRC-32C. */
export function crc32cBase64(data: Uint8Array): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32cReference(data));
  return bytes.toString('base64');
}
