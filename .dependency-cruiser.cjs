// Dependencies in src/ run one way: cli / entry → notebook → lab → exercises → features → systems → shared.
// test/architecture.test.ts runs this over src/, so a wrong import fails the unit tests.
//
//   cli       src/cli/                        the command line
//   entry     src/index.ts                    what the notebooks import
//   notebook  src/notebook/                   what a notebook's cells call: setup(), until(), check(), solve()
//   lab       src/lab/                        the lab's verbs: up, down, status, install, record, workshop
//   exercises src/exercises/                  the "Your turn" tasks: checks, hints, solutions, the challenge
//   features  src/record/, src/doctor/        recordings of the notebooks and the terminal path; the doctor
//   systems   backends, vault, kube, binaries, jupyter, kind, docker, tracer, tokenreview.ts
//   shared    cache, check, exec, processes, http, pki, jwt, output, errors, methods, paths, poll, ports, text, scan
//
// Among the systems, the leaves (binaries, kind, docker, jupyter, kube, tokenreview) use no other system, only
// backends/state.ts of the backends is readable by other systems, and a backend (a folder under backends/)
// never imports another backend (the interface and shared shapes live in backends/backend.ts and state.ts).
// client-node is loaded only by kube/, on first use, so that help, status and down never wait for it.
const CLI = '^src/cli/';
const ENTRY = '^src/index\\.ts$';
const NOTEBOOK = '^src/notebook/';
const LAB = '^src/lab/';
const EXERCISES = '^src/exercises/';
const FEATURES = '^src/(record|doctor)/';
const SYSTEMS = '^src/(backends|vault|kube|binaries|jupyter|kind|docker|tracer)/|^src/tokenreview\\.ts$';
const LEAF_SYSTEMS = '^src/(binaries|kind|docker|jupyter|kube)/|^src/tokenreview\\.ts$';
const SHARED = "^src/(cache|check|exec|processes|http|jwt|errors|methods|paths|poll|ports|text)\\.ts$|^src/(pki|output|scan)/";

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules are one concern, or one of them is in the wrong layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve would pass every rule unseen.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'shared-uses-only-shared',
      severity: 'error',
      comment: 'Shared helpers know nothing of the systems, the lab or the CLI.',
      from: { path: SHARED },
      to: { path: [SYSTEMS, FEATURES, EXERCISES, LAB, NOTEBOOK, CLI, ENTRY] },
    },
    {
      name: 'systems-below-lab',
      severity: 'error',
      comment: 'A system (Vault, Kubernetes, a backend...) never reaches up into a feature, the lab or the CLI.',
      from: { path: SYSTEMS },
      to: { path: [FEATURES, EXERCISES, LAB, NOTEBOOK, CLI, ENTRY] },
    },
    {
      name: 'features-below-lab',
      severity: 'error',
      comment: 'Recording and the doctor use the systems; the lab and the CLI run them, never the reverse.',
      from: { path: FEATURES },
      to: { path: [EXERCISES, LAB, NOTEBOOK, CLI, ENTRY] },
    },
    {
      name: 'leaf-systems-stand-alone',
      severity: 'error',
      comment:
        'binaries, kind, docker, jupyter, kube and tokenreview wrap one external system each and use no other; the table of pinned versions (binaries/versions.ts) is data every layer may read.',
      from: { path: LEAF_SYSTEMS },
      to: { path: SYSTEMS, pathNot: ['^src/$1/', '^src/binaries/versions\\.ts$'] },
    },
    {
      name: 'backends-are-peers',
      severity: 'error',
      comment: 'One backend never takes code or types from another; the interface and shared shapes live in backends/backend.ts and state.ts.',
      from: { path: '^src/backends/(kind|local|existing)/' },
      to: { path: '^src/backends/(kind|local|existing)/', pathNot: '^src/backends/$1/' },
    },
    {
      name: 'only-the-lab-drives-backends',
      severity: 'error',
      comment:
        'Starting and stopping servers is the lab\'s job; other systems and the features may read the lab\'s state (backends/state.ts), and the doctor what each backend checks (backends/registry.ts), nothing else.',
      from: { path: [SYSTEMS, FEATURES], pathNot: '^src/backends/' },
      to: { path: '^src/backends/', pathNot: ['^src/backends/state\\.ts$', '^src/backends/registry\\.ts$'] },
    },
    {
      name: 'client-node-only-in-kube',
      severity: 'error',
      comment: 'client-node takes a second to load: kube/ loads it on first use, so commands that reach no cluster never wait for it. Elsewhere, import its types only.',
      from: { path: '^src/', pathNot: '^src/kube/' },
      to: { path: '@kubernetes/client-node', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'exercises-below-lab',
      severity: 'error',
      comment: 'A task checks the servers through the systems\' clients; the notebooks\' library (check, solve, progress) drives the tasks, never the reverse.',
      from: { path: EXERCISES },
      to: { path: [FEATURES, LAB, NOTEBOOK, CLI, ENTRY] },
    },
    {
      name: 'exercises-drive-no-backend',
      severity: 'error',
      comment: 'A check reads the lab through its clients and state; starting or stopping servers is the lab\'s job.',
      from: { path: EXERCISES },
      to: { path: '^src/backends/', pathNot: '^src/backends/state\\.ts$' },
    },
    {
      name: 'lab-below-cli',
      severity: 'error',
      comment: 'The lab\'s verbs are what the CLI and the notebooks\' library call; they never import either.',
      from: { path: LAB },
      to: { path: [NOTEBOOK, CLI, ENTRY] },
    },
    {
      name: 'notebook-below-entry',
      severity: 'error',
      comment: 'The notebooks\' library is what src/index.ts exports and the CLI may call; it imports neither.',
      from: { path: NOTEBOOK },
      to: { path: [CLI, ENTRY] },
    },
    {
      name: 'entry-below-cli',
      severity: 'error',
      comment: 'The notebooks library does not pull in the command line.',
      from: { path: ENTRY },
      to: { path: CLI },
    },
    {
      name: 'every-module-has-a-layer',
      severity: 'error',
      comment: 'A new top-level module must be placed in a layer here before it is used.',
      from: { path: '^src/', pathNot: [CLI, ENTRY, NOTEBOOK, LAB, EXERCISES, FEATURES, SYSTEMS, SHARED] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.j2$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
