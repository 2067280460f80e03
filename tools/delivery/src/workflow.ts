// The GitHub Actions workflow of one service: triggered only by changes to the service, the workspace
// packages it builds with, the pacts it is party to (as consumer or provider) and its own pipeline files;
// it runs the service's `ci` script (lint, types, tests, contract and API checks, image file check),
// checks its API documents against the target branch, then builds its image.

export interface WorkflowInput {
  service: string;
  packageName: string;
  dependencyFolders: string[];
}

/** The paths whose change runs this service's pipeline. */
export function triggerPaths({ service, dependencyFolders }: WorkflowInput): string[] {
  return [
    `services/${service}/**`,
    ...dependencyFolders.map((folder) => `${folder}/**`),
    // its contracts: the pacts it writes as a consumer and those it verifies as a provider
    `pacts/${service}-*.json`,
    `pacts/*-${service}.json`,
    // the pipeline's own tools: the API document generator and this file's generator and checks
    'tools/api-specs/**',
    'tools/delivery/**',
    `docs/runbooks/${service}.md`,
    `.github/workflows/${service}.yml`,
    'package-lock.json',
    'tsconfig.base.json',
    'biome.json',
  ];
}

export function renderWorkflow(input: WorkflowInput): string {
  const { service, packageName } = input;
  const paths = triggerPaths(input)
    .map((p) => `      - '${p}'`)
    .join('\n');
  return `# ${service}: its own pipeline. Generated from service-catalog.yaml and services/${service}/package.json by
# \`npm run delivery -- workflows write\`; a test fails when it is out of step with them.
name: ${service}

on:
  push:
    branches: [main]
    paths:
${paths}
  pull_request:
    paths:
${paths}

concurrency:
  group: ${service}-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  ci:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    # The tests run in both infrastructure modes: the machine's PostgreSQL and NATS JetStream here.
    services:
      postgres:
        image: postgres:18
        env:
          POSTGRES_HOST_AUTH_METHOD: trust
        ports: ['5432:5432']
        options: --health-cmd pg_isready --health-interval 2s --health-timeout 5s --health-retries 30
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - name: NATS JetStream (and the binary the messaging tests start privately)
        run: |
          sudo apt-get update -qq && sudo apt-get install -y -qq nats-server
          nats-server -a 127.0.0.1 -p 4222 -js -sd "$RUNNER_TEMP/nats" > "$RUNNER_TEMP/nats.log" 2>&1 &
      - run: npm ci
      - name: lint, types, tests, contracts, API documents, image file
        run: npm run ci -w services/${service}
      - name: no breaking API change without a new version (against the target branch)
        if: github.event_name == 'pull_request'
        run: |
          mkdir -p /tmp/baseline/services/${service}
          for doc in openapi asyncapi; do
            git show "origin/\${{ github.base_ref }}:services/${service}/$doc.json" > "/tmp/baseline/services/${service}/$doc.json" 2>/dev/null \\
              || rm -f "/tmp/baseline/services/${service}/$doc.json"
          done
          npm run api-specs -- check ${service} --baseline /tmp/baseline

  image:
    needs: ci
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - name: build the image (${packageName})
        run: docker build -f services/${service}/Dockerfile -t emporium/${service}:\${{ github.sha }} .
`;
}
