# Lotsbok in a container: built in one stage, run from a small image as a user without
# privileges, with one volume for everything it keeps (the SQLite database, mail files when
# no SMTP server is set, scheduled backups). Configure it with LOTSBOK_* variables (README,
# "Running it in production"); on PostgreSQL the volume only holds mail files and backups.
#
#   docker build -t lotsbok .
#   docker run --stop-timeout 30 -p 3000:3000 -v lotsbok:/var/lib/lotsbok \
#     -e LOTSBOK_BASE_URL=https://lotsbok.example.se lotsbok
#
# A stop (SIGTERM) waits up to 20 s for the work under way: give the container 30 s
# (`--stop-timeout 30`, compose's `stop_grace_period: 30s`; Docker's default is 10 s).

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin lotsbok \
    && install -m 0755 target/release/lotsbok /usr/local/bin/lotsbok

FROM debian:12-slim
# CA certificates for SMTP over TLS and PostgreSQL with sslmode=verify-full. Not pinned:
# the image should take Debian's security updates whenever it is rebuilt.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 lotsbok \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/lotsbok \
       --shell /usr/sbin/nologin lotsbok \
    && install -d -o lotsbok -g lotsbok -m 0700 /var/lib/lotsbok
COPY --from=build /usr/local/bin/lotsbok /usr/local/bin/lotsbok
USER 10001:10001
WORKDIR /var/lib/lotsbok
VOLUME ["/var/lib/lotsbok"]
ENV LOTSBOK_BIND=0.0.0.0:3000 \
    LOTSBOK_DATABASE_URL=sqlite:///var/lib/lotsbok/lotsbok.db \
    LOTSBOK_MAIL_DIR=/var/lib/lotsbok/mail \
    LOTSBOK_BACKUP__DIR=/var/lib/lotsbok/backups \
    LOTSBOK_LOG_FORMAT=json
EXPOSE 3000
# Probes: GET /healthz (alive) and GET /readyz (database reachable, migrations done), by
# the orchestrator (the image has no HTTP client for a HEALTHCHECK of its own).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/lotsbok"]
CMD ["serve"]
