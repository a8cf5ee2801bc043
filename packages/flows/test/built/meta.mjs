// The Meta side of the built checks, on node:crypto: encrypt a request, decrypt the answer.
import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from 'node:crypto';

export function encrypt(publicKey, payload) {
  const aesKey = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    aesKey,
  );
  const body = JSON.stringify({
    encrypted_flow_data: sealed.toString('base64'),
    encrypted_aes_key: wrapped.toString('base64'),
    initial_vector: iv.toString('base64'),
  });
  return { body, aesKey, iv };
}

export function decrypt(answer, { aesKey, iv }) {
  const sealed = Buffer.from(answer, 'base64');
  const decipher = createDecipheriv('aes-128-gcm', aesKey, Buffer.from(iv.map((byte) => ~byte & 0xff)));
  decipher.setAuthTag(sealed.subarray(-16));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]).toString());
}
