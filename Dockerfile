# WeChat Cloud Hosting (微信云托管) image: the API server, which also serves the H5 build at /.
# Build:  docker build -t union-app .     Run: docker run -p 80:80 --env-file .env.server union-app
# Every build and start step is a step of scripts/prod-build.sh (one RUN per step, CMD = start), so the production
# journey test (e2e/journeys/production.e2e.ts) runs what the image runs; scripts/prod-build.test.ts keeps them equal.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prod-build.sh ./scripts/prod-build.sh
RUN sh scripts/prod-build.sh install
COPY . .
RUN sh scripts/prod-build.sh build
RUN sh scripts/prod-build.sh prune

FROM node:20-bookworm-slim
WORKDIR /app
# Behind the Cloud Hosting gateway: the TCP peer is always the gateway (TRUST_PROXY=1), which passes the client's
# address in X-Original-Forwarded-For (its X-Forwarded-For names its own hops). Uploads go to the database unless
# FILE_STORE=s3 and the S3_* variables are set in the service's environment. NODE_ENV=production is set by `start`.
ENV NODE_ENV=production \
    PORT=80 \
    HOST=0.0.0.0 \
    AUTH_MODE=cloudhosting \
    TRUST_PROXY=1 \
    CLIENT_IP_HEADER=x-original-forwarded-for \
    STATIC_DIR=/app/dist-h5 \
    ADMIN_DIR=/app/dist-admin \
    DATA_DIR=/app/.data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist-h5 ./dist-h5
COPY --from=build /app/dist-admin ./dist-admin
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/tsconfig.json ./tsconfig.json
COPY --from=build /app/server ./server
COPY --from=build /app/contract ./contract
COPY --from=build /app/scripts/prod-build.sh ./scripts/prod-build.sh
USER node
EXPOSE 80
# Readiness: 200 only when the database answers and has every migration (GET /api/health).
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||80)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "scripts/prod-build.sh", "start"]
