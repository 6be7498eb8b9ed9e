// What kind prints when it fails, as kind v0.33 prints it: shared by the tests of the fixes and of the wrapper.
export const ALREADY_EXISTS =
  'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "lab"';
export const DOCKER_DOWN = [
  `ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{index .Labels "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1`,
  'Command Output: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
].join('\n');
