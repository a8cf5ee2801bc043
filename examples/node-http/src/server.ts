/** Starts the node:http example: `pnpm --filter @wa-webhooks-examples/node-http start`. */
import { createExampleServer, createExampleWebhooks } from './app';

const appSecret = process.env.WHATSAPP_APP_SECRET ?? 'dev-app-secret';
const verifyToken = process.env.WHATSAPP_VERIFY_TOKEN ?? 'dev-verify-token';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

if (process.env.WHATSAPP_APP_SECRET === undefined || process.env.WHATSAPP_VERIFY_TOKEN === undefined) {
  console.warn(
    `Using development defaults (app secret "${appSecret}", verify token "${verifyToken}"); never use them in production.`,
  );
}

const server = createExampleServer(createExampleWebhooks({ appSecret, verifyToken }, (line) => console.log(line)));
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host}:${actualPort}/webhook`;
  console.log(`Listening on ${url}`);
  console.log(`Handshake: curl "${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1234"`);
});
