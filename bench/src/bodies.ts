/**
 * The bodies every benchmark uses, built the way Meta writes them: compact JSON with `/` escaped as
 * `\/` and every non-ASCII character as a lower-case `\uXXXX` escape (docs/PAYLOADS.md section 1.2).
 */
import { createHmac } from 'node:crypto';

/** Meta's wire style of a JSON value. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('/', '\\/')
    .replace(/[^\0-~]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let wamids = 0;

/** A message id in Meta's format (about 60 characters) never returned before in this process. */
export function freshWamid(): string {
  return `wamid.HBgNNTQ5MTE1NTU1MDAwMBUCABIYFDNB${String(wamids++).padStart(12, '0')}AA==`;
}

function textMessage(index: number, body: string) {
  return {
    from: '5491155550000',
    id: `wamid.HBgNNTQ5MTE1NTU1MDAwMBUCABIYFDNBMDI0RkQ4${String(index).padStart(8, '0')}AA==`,
    timestamp: '1761899474',
    text: { body },
    type: 'text',
  };
}

function envelope(messages: unknown[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [
                { profile: { name: 'María José Pérez' }, wa_id: '5491155550000', user_id: 'AR.1234567890123' },
              ],
              messages,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** One benchmark body: its bytes, its signature, and how many events it carries. */
export interface BenchBody {
  readonly name: string;
  readonly text: string;
  readonly bytes: Buffer;
  readonly signature: string;
  readonly events: number;
}

export const BENCH_SECRET = 'bench-app-secret';

/** The request of a signed POST of `body.bytes`, as an adapter hands it to `handle()`. */
export function webhookRequest(body: { readonly bytes: Buffer; readonly signature: string }) {
  return {
    method: 'POST',
    url: '/webhook',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': body.signature,
      'content-length': String(body.bytes.length),
    },
    readBody: () => Promise.resolve(new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength)),
  };
}

function body(name: string, value: unknown, events: number): BenchBody {
  const text = metaJson(value);
  const bytes = Buffer.from(text, 'utf8');
  return {
    name,
    text,
    bytes,
    signature: `sha256=${createHmac('sha256', BENCH_SECRET).update(bytes).digest('hex')}`,
    events,
  };
}

const sentence = 'Hola, quiero pedir un café con leche y dos medialunas para llevar, por favor 🙏 ¿Está abierto? ';

/** 1 message (~0.5 KB), a 100-message batch (~18 KB) and a 3 MB batch of 1 000 messages. */
export function benchBodies(): BenchBody[] {
  const long = sentence.repeat(28).slice(0, 2280);
  return [
    body('1 message', envelope([textMessage(0, 'Hola, ¿tienen envíos a domicilio? https://example.com/pedido')]), 1),
    body(
      '100-message batch',
      envelope(Array.from({ length: 100 }, (_, index) => textMessage(index, `Número ${index}: ¿llega hoy?`))),
      100,
    ),
    body(
      '3 MB batch (1 000 messages)',
      envelope(Array.from({ length: 1000 }, (_, index) => textMessage(index, long))),
      1000,
    ),
  ];
}
