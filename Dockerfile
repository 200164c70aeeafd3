# syntax=docker/dockerfile:1
# Consilium's image. Node 20 runs the TypeScript sources through tsx (a runtime dependency), so there is no
# build step: the image holds production node_modules, the sources, the shipped classifier and the example
# configs. See deploy/README.md (it cannot be built in the development sandbox, which has no Docker engine).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# onnxruntime-node's install script would fetch optional GPU binaries; the CPU build ships in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY models ./models
COPY config ./config
# The node user of the base image (uid/gid 1000); the Deployment runs it with a read-only root filesystem
# and an emptyDir on /tmp, where tsx caches compiled sources.
USER 1000:1000
EXPOSE 50051 9190
ENTRYPOINT ["node", "bin/consilium.js"]
CMD ["serve", "--config", "/etc/consilium/config.yaml"]
