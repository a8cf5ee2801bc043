/**
 * Fresh identifiers. Deduplication is on by default in `@wa-webhooks/core` (and should be in any
 * receiver): an event whose id was already handled is skipped. So every built notification gets ids
 * nobody has seen, unless the caller passes its own.
 */

const encoder = new TextEncoder();

function randomHex(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(random, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A new WhatsApp message id (wamid) in Meta's shape: `wamid.` and the base64 of a small record holding
 * the user's phone number and 20 random hex digits, e.g. `wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQ…AA==`.
 * Random, so ids from different processes do not collide either.
 */
export function freshWamid(phone = '16505551234'): string {
  const digits = encoder.encode(phone.slice(0, 30));
  const suffix = encoder.encode(randomHex(10));
  const record = new Uint8Array([
    0x1c,
    0x18,
    digits.length,
    ...digits,
    0x15,
    0x02,
    0x00,
    0x12,
    0x18,
    suffix.length,
    ...suffix,
    0x00,
  ]);
  return `wamid.${toBase64(record)}`;
}

let lastEntryTime = 0;

/**
 * The current Unix time in seconds, but never the same value twice in this process. Events of fields
 * other than `messages` carry no id of their own: receivers derive one from the entry id, `entry.time`
 * and the value, so a distinct `time` is what keeps two builds of the same change distinct. (Building
 * many changes within a second moves `time` a few seconds ahead of the clock.)
 */
export function nextEntryTime(): number {
  lastEntryTime = Math.max(Math.floor(Date.now() / 1000), lastEntryTime + 1);
  return lastEntryTime;
}

/** A time as the string of Unix seconds Meta puts in `timestamp`; a string is taken to be one already. */
export function unixTimestamp(date: Date | string = new Date()): string {
  return typeof date === 'string' ? date : String(Math.floor(date.getTime() / 1000));
}
