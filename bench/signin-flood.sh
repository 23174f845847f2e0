#!/usr/bin/env bash
# Sign-in floods (issue 15, item 14):   bash bench/signin-flood.sh [N…]   (default: 50 100 200)
# Starts the release server on a fresh SQLite database with one guide, then for each N
# sends N sign-ins with wrong passwords at once (curl, one process each) while asking
# /healthz every 100 ms. Each comes from a client of its own (the server trusts
# X-Forwarded-For here, and each request names another TEST-NET address), so that the
# per-client limit does not turn them away and every one of them is hashed. Prints the server's RSS before and its peak (VmHWM) after, the
# answers by status, and the slowest /healthz. The hashes at once are bounded by
# min(cores, 4): the rest wait their turn (or get 429 after 10 s), so memory stays flat.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${*:-"50 100 200"}
PORT=${PORT:-3901}
BASE="http://127.0.0.1:$PORT"
cargo build --release --quiet
BIN=$PWD/target/release/lotsbok
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
export LOTSBOK_DATABASE_URL="sqlite://$WORK/flood.db" LOTSBOK_BIND="127.0.0.1:$PORT" \
  LOTSBOK_BASE_URL="$BASE" LOTSBOK_MAIL_DIR="$WORK/mail" LOTSBOK_LOG=warn \
  LOTSBOK_TRUST_FORWARDED_FOR=true
"$BIN" migrate >/dev/null
echo 'a long flood password' | "$BIN" user create --email lots@mala.se --name Lots \
  --role guide --municipality mala --password-stdin >/dev/null
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk "/^$1:/ {print int(\$2/1024)}" "/proc/$SERVER/status"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%F)"
printf '%6s %10s %12s %18s %14s\n' N "RSS MB" "peak RSS MB" "answers" "slowest healthz"
for n in $COUNTS; do
  jar="$WORK/jar"
  page=$(curl -s -c "$jar" "$BASE/login")
  csrf=$(echo "$page" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
  before=$(rss VmRSS)
  ( slow=0; end=$((SECONDS + 60))
    while [ $SECONDS -lt $end ] && [ ! -e "$WORK/done" ]; do
      t=$(curl -s -o /dev/null -w '%{time_total}' "$BASE/healthz")
      slow=$(echo "$t $slow" | awk '{print ($1 > $2) ? $1 : $2}')
      echo "$slow" > "$WORK/slow"; sleep 0.1
    done ) &
  WATCH=$!
  seq "$n" | awk -v run="$n" '{print run "-" $1, "198.51." int($1 / 250) "." ($1 % 250)}' |
    xargs -P "$n" -L1 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -b "$0" \
      -H "X-Forwarded-For: $4" --data-urlencode "email=guess$3@example.org" \
      --data-urlencode "password=wrong password" --data-urlencode "csrf=$1" "$2/login"' \
      "$jar" "$csrf" "$BASE" > "$WORK/codes"
  touch "$WORK/done"; wait $WATCH; rm -f "$WORK/done"
  answers=$(sort "$WORK/codes" | uniq -c | awk '{printf "%s×%s ", $1, $2}')
  printf '%6s %10s %12s %18s %13ss\n' "$n" "$before" "$(rss VmHWM)" "$answers" "$(cat "$WORK/slow")"
done
