// Starts Learning Locker's xAPI statement service (npm xapi-statements) in memory for
// tests/scripts/xapi_lrs.sh, listening on 127.0.0.1 only. Usage: node start.js PORT
// The service reads its settings from the environment; its own listen() takes no host, so the
// port is bound to the loopback address here before it starts.
'use strict';
const net = require('net');
const port = process.argv[2];
if (!/^[0-9]+$/.test(port || '')) {
  console.error('usage: node start.js PORT');
  process.exit(2);
}
Object.assign(process.env, {
  AUTH_REPO: 'test', // any basic-auth user is the test client
  EVENTS_REPO: 'test', // no Redis
  MODELS_REPO: 'memory', // no MongoDB
  STORAGE_REPO: 'memory',
  EXPRESS_PORT: port,
  WINSTON_CONSOLE_LEVEL: process.env.WINSTON_CONSOLE_LEVEL || 'warn',
});
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || /^[0-9]+$/.test(String(args[0]))) {
    const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    return listen.call(this, Number(args[0]), '127.0.0.1', cb);
  }
  return listen.apply(this, args);
};
require('xapi-statements/dist/server');
