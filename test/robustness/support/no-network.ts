// Loaded with --require into a server under test: every way to reach the network is replaced by one that says so on stderr and fails.

// The modules themselves, not namespace copies: their functions are replaced for every user.
import dns = require('node:dns');
import http = require('node:http');
import https = require('node:https');
import net = require('node:net');
import tls = require('node:tls');

function refuse(what: string): never {
  process.stderr.write(`plan43-network-attempt ${what}\n`);
  throw new Error(`network access refused in this test: ${what}`);
}

const patch = (target: object, name: string, what: string): void => {
  (target as Record<string, unknown>)[name] = () => refuse(what);
};

patch(net.Socket.prototype, 'connect', 'net.Socket.connect');
patch(net, 'connect', 'net.connect');
patch(net, 'createConnection', 'net.createConnection');
patch(tls, 'connect', 'tls.connect');
patch(http, 'request', 'http.request');
patch(http, 'get', 'http.get');
patch(https, 'request', 'https.request');
patch(https, 'get', 'https.get');
patch(dns, 'lookup', 'dns.lookup');
patch(dns, 'resolve', 'dns.resolve');
if (typeof globalThis.fetch === 'function') patch(globalThis, 'fetch', 'fetch');
