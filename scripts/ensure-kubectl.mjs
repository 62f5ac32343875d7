// The test command renders deploy/kubernetes with `kubectl kustomize` (offline: no cluster), which
// needs a kubectl whose kustomize reads the overlays (kustomize v4 or later: kubectl 1.21+).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackage } from './debian-package.mjs';

const overlay = fileURLToPath(new URL('../deploy/kubernetes/overlays/scale-to-zero', import.meta.url));

ensureDebianPackage({
  pkg: 'kubernetes-client',
  works: () => spawnSync('kubectl', ['kustomize', overlay], { stdio: 'ignore' }).status === 0,
  missing: "kubectl (1.21 or later) is needed to render deploy/kubernetes: install Debian's `kubernetes-client` package or kubectl from Kubernetes' own packages.",
  purpose: 'to render deploy/kubernetes',
});
