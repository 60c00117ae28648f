# Targets run from the repository root. Each one that needs PostgreSQL, nginx
# or Chromium expects the Debian packages that .ci/run installs.

.PHONY: test e2e e2e-compose bench bench-smoke client standin-images

# Unit and integration tests against a real PostgreSQL: TEST_DATABASE_URL when
# set, otherwise a throwaway cluster started from the local binaries.
test:
	scripts/with-postgres go test -race -count=1 ./...

# Builds the client and runs the browser test against a native stack on loopback.
e2e:
	scripts/e2e

# Builds the images, runs the stack with Docker Compose and tests it end to end.
e2e-compose:
	scripts/e2e-compose

# Local stand-ins for the base images that the Dockerfiles name, for machines
# without a container registry.
standin-images:
	scripts/standin-images

# Full benchmark run; writes docs/benchmarks.md.
bench:
	scripts/bench

# A few seconds per scenario, only to prove the benchmark tool works.
bench-smoke:
	scripts/bench -smoke

# Generates the static site into frontend/dist.
client:
	scripts/build-client
