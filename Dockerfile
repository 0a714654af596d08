# syntax=docker/dockerfile:1
# One image for every hirestream service and tool:
#   docker run IMAGE candidates            (ROLE=api|worker|all, PORT, the variables of the README)
#   docker run IMAGE migrate candidates    (read-model migrations, then exit)
#   docker run IMAGE projections status    (and token, asyncapi, healthcheck, devstack)
#   docker run IMAGE hirestream audit verify --all   (the hirestream command)
# Pin NODE_IMAGE by digest (node:22-bookworm-slim@sha256:…) in your own builds.
ARG NODE_IMAGE=node:22-bookworm-slim

# Compiles apps, libraries and tools to dist/ with the dev dependencies (swc).
FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY apps apps
COPY libs libs
COPY tools tools
RUN npm run build

# Production dependencies only; no package's install script runs.
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
WORKDIR /app
COPY --from=dependencies /build/node_modules node_modules
COPY --from=build /build/dist dist
# The audit service's data folder and the personal-data key's (compose mounts a
# named volume on each, which starts as a copy of the empty folder: writable by
# the user below).
RUN mkdir -p /var/lib/hirestream/audit /var/lib/hirestream/personal-data && chown -R 1000:1000 /var/lib/hirestream
# Nothing is written under /app: a read-only root filesystem works, with /tmp
# as a volume (tmpfs, emptyDir). The uid is numeric so that Kubernetes can
# check runAsNonRoot.
USER 1000:1000
ENV HOST=0.0.0.0
EXPOSE 3001 3002 3003 3004 3005
ENTRYPOINT ["node", "dist/tools/run.js"]
CMD ["--help"]
