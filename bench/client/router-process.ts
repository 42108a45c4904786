/**
 * Child-process entry for the client benchmark: runs the embedded router on 127.0.0.1 (port 0),
 * reports its URL over IPC, and exits when told, so its CPU never counts as client CPU.
 */
import { startTestRouter } from '../../runtime/testing/start-test-router.js';

const testRouter = await startTestRouter();
process.send?.({ url: testRouter.url });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'exit') void testRouter.close().then(() => process.exit(0));
});
