# Lotsbok in a container: built in one stage, run from a small image as a user without
# privileges, with one volume for everything it keeps (the SQLite database, mail files when
# no SMTP server is set, scheduled backups). Configure it with LOTSBOK_* variables (README,
# "Running it in production"); on PostgreSQL the volume only holds mail files and backups.
#
#   docker build -t lotsbok .
#   docker run -p 3000:3000 -v lotsbok:/var/lib/lotsbok \
#     -e LOTSBOK_BASE_URL=https://lotsbok.example.se lotsbok

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin lotsbok \
    && install -m 0755 target/release/lotsbok /usr/local/bin/lotsbok

FROM debian:bookworm-slim
# CA certificates for SMTP over TLS and PostgreSQL with sslmode=verify-full. Not pinned:
# the image should take Debian's security updates whenever it is rebuilt.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/lotsbok \
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
# Probes: GET /healthz (alive) and GET /readyz (database reachable, migrations done).
# A stop (SIGTERM) finishes the work under way within 20 seconds.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/lotsbok"]
CMD ["serve"]
