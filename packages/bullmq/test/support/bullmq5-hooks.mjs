// Module resolution hook: `bullmq` resolves to the BullMQ 5 install (the `bullmq5` npm alias), so that
// a worker process runs the package's sources on BullMQ 5. Registered by bullmq5.mjs.
export async function resolve(specifier, context, next) {
  return next(specifier === 'bullmq' ? 'bullmq5' : specifier, context);
}
