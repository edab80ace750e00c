# The app image for docker-compose.yml. Neo4j runs in its own container (NEO4J_URI).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx vite build --config client/vite.config.ts
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["npx", "tsx", "scripts/start.ts"]
