# workerd's configuration for the smoke worker (test/packaging/app/worker.ts, bundled to
# worker.bundle.js beside this file). Port 0: workerd reports the port it took on --control-fd.
# No compatibility flags: the bundle needs no Node.js compatibility layer.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # The emulator listens on loopback, which workerd's default outbound network refuses.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.bundle.js") ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
