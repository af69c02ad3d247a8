# Image of the API and the projection worker (same image, different command).
# Build: docker build -t sozialraum-budget .   (docker-compose.yml builds it for you)

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY src src
# Compile the API and build the web app (served by the API under /app/), then drop the development
# dependencies (compiler, bundler, jest, types, the embedded PostgreSQL) from node_modules.
RUN npm run build && NODE_ENV=production npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules node_modules
COPY --from=build --chown=root:root /app/dist dist
COPY package.json ./
# The only writable place: the development signing key (NODE_ENV=development) lives here.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
