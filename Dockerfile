# syntax=docker/dockerfile:1
#
# footnote: the Discord bot (`serve`) and its CLI in one static binary.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t footnote .
#   docker run --rm -e DISCORD_TOKEN_FILE=/run/secrets/discord_token -v footnote-data:/data footnote
#
# The built-in corpus and the prompts are embedded in the binary; the index
# and added articles live in the /data volume. The final image has no shell.

# The build runs on the builder's own platform and cross-compiles (pure Go,
# no cgo), so multi-platform builds need no emulation.
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
ARG TARGETOS
ARG TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags "-s -w -X github.com/footnote-bot/footnote/cli.Version=${VERSION}" -o /out/footnote . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
ARG VERSION=dev
LABEL org.opencontainers.image.title="footnote" \
      org.opencontainers.image.description="Answers questions about the news with verified citations, on Discord and the command line" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/footnote /usr/local/bin/footnote
# An empty /data owned by nonroot (65532), so a new volume mounted there is
# writable by the bot.
COPY --from=build --chown=65532:65532 /out/data /data
ENV FOOTNOTE_DATA_DIR=/data \
    FOOTNOTE_HTTP_ADDR=:8080 \
    FOOTNOTE_LOG_FORMAT=json
VOLUME /data
USER nonroot:nonroot
# the admin listener: /healthz, /readyz, /metrics
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/usr/local/bin/footnote", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/footnote"]
CMD ["serve"]
