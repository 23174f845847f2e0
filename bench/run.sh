#!/usr/bin/env bash
# The benchmark, in one command:   bash bench/run.sh [SIZES…]   (default: 100000 1000000)
# Builds release, makes a demo database per size (kept in bench/data for the next run; the
# retention rule is applied to it once, as a running server would have), runs each time on a
# fresh copy of it (so that one run's form submissions do not weigh on the next), starts the
# server, signs in, and drives the lead list, a search, a lead page, the report page and
# form submissions with wrk. Prints throughput, p50 and p99 latency, the server's
# peak RSS, and for each page the time of its bare queries (`lotsbok bench-sql`) and the
# ratio page p50 / floor. Server and load share the machine: say so when quoting figures.
# With LOTSBOK_BENCH_PG_URL=postgres://user@host:port (a server where the user may create
# databases), each size runs on PostgreSQL too, in a database lotsbok_bench_<size>.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-"100000 1000000"}
PORT=${PORT:-3900}
DURATION=${DURATION:-10s}
BASE="http://127.0.0.1:$PORT"
PW="bench password 1"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet
BIN=target/release/lotsbok
mkdir -p bench/data

# "Requests/sec p50 p99" of one wrk run (latencies in ms).
measure() {
  local out
  out=$(wrk -t2 -c8 -d"$DURATION" --latency "$@" 2>&1)
  local rps p50 p99 non
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non=$(echo "$out" | awk '/Non-2xx or 3xx/ {print $5}')
  echo "$rps $(ms "$p50") $(ms "$p99") ${non:-0} $(echo "$out" | awk '/requests in/ {print $1}')"
}
ms() { # wrk prints 1.23ms, 456.00us or 1.02s
  local v=$1
  case $v in
    *us) awk -v x="${v%us}" 'BEGIN {printf "%.2f", x/1000}' ;;
    *ms) awk -v x="${v%ms}" 'BEGIN {printf "%.2f", x}' ;;
    *s) awk -v x="${v%s}" 'BEGIN {printf "%.2f", x*1000}' ;;
  esac
}
login() { # cookie of a signed-in session
  local jar; jar=$(mktemp)
  local csrf; csrf=$(curl -s -c "$jar" "$BASE/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | grep -o '[0-9a-f]\{32\}')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=$1" --data-urlencode "password=$PW" --data-urlencode "csrf=$csrf" "$BASE/login"
  awk '/lotsbok_session/ {print $7}' "$jar"
}
# Consents: one per accepted submission, also when it joins an existing prospect.
count() {
  case $1 in
    postgres*) psql -Atq "$1" -c 'select count(*) from consents' ;;
    *) python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from consents').fetchone()[0])" "${1#sqlite://}" ;;
  esac
}

# The phone number and e-mail address before its "@" of one Lycksele mover who has both.
sample() {
  local find=instr; case $1 in postgres*) find=strpos ;; esac
  local sql="select p.phone || ' ' || substr(p.email, 1, $find(p.email, '@') - 1) from leads l
    join prospects p on p.id = l.prospect_id join municipalities m on m.id = l.municipality_id
    where m.slug = 'lycksele' and p.phone is not null and p.email like '%@%' order by l.id limit 1"
  case $1 in
    postgres*) psql -Atq "$1" -c "$sql" ;;
    *) python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "${1#sqlite://}" "$sql" ;;
  esac
}
urlencode() { python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=''))" "$1"; }

printf '\nmachine: %s, %s cores, %s; date: %s\n' "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" "$(date -u +%Y-%m-%d)"
TARGETS=""
for N in $SIZES; do
  TARGETS="$TARGETS sqlite:$N"
  [ -n "${LOTSBOK_BENCH_PG_URL:-}" ] && TARGETS="$TARGETS postgres:$N"
done
for T in $TARGETS; do
  KIND=${T%%:*}; N=${T#*:}
  if [ "$KIND" = sqlite ]; then
    DB="sqlite://bench/data/lotsbok-$N.db"
    FRESH=$([ -f "bench/data/lotsbok-$N.db" ] || echo yes)
  else
    DB="${LOTSBOK_BENCH_PG_URL%/}/lotsbok_bench_$N"
    FRESH=$(psql -Atq "${LOTSBOK_BENCH_PG_URL%/}/postgres" -c "select 1 from pg_database where datname = 'lotsbok_bench_$N'" | grep -q 1 || echo yes)
    [ -n "$FRESH" ] && psql -q "${LOTSBOK_BENCH_PG_URL%/}/postgres" -c "create database lotsbok_bench_$N"
  fi
  if [ -n "$FRESH" ]; then
    echo "making $N demo leads ($KIND)…"
    LOTSBOK_DATABASE_URL="$DB" "$BIN" demo --leads "$N" --seed 1 --password "$PW" > "bench/data/demo-$KIND-$N.txt"
    head -1 "bench/data/demo-$KIND-$N.txt"
    LOTSBOK_DATABASE_URL="$DB" LOTSBOK_LOG=warn "$BIN" retention | tail -1
    if [ "$KIND" = sqlite ]; then # the retention's writes out of the write-ahead log
      python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('pragma wal_checkpoint(truncate)')" "${DB#sqlite://}"
    else # what autovacuum does in a while on a server that runs (statistics, dead rows of
      # the retention); each run's copy of this database starts without its own statistics
      psql -q "$DB" -c "vacuum analyze"
    fi
  fi
  # This run's copy.
  if [ "$KIND" = sqlite ]; then
    rm -f bench/data/run.db bench/data/run.db-wal bench/data/run.db-shm
    for f in bench/data/lotsbok-"$N".db*; do cp "$f" "bench/data/run.db${f#bench/data/lotsbok-"$N".db}"; done
    DB="sqlite://bench/data/run.db"
  else
    psql -q "${LOTSBOK_BENCH_PG_URL%/}/postgres" -c "drop database if exists lotsbok_bench_run" \
      -c "create database lotsbok_bench_run template lotsbok_bench_$N"
    DB="${LOTSBOK_BENCH_PG_URL%/}/lotsbok_bench_run"
  fi
  MAIL=$(mktemp -d)
  LOTSBOK_DATABASE_URL="$DB" LOTSBOK_BIND="127.0.0.1:$PORT" LOTSBOK_BASE_URL="$BASE" LOTSBOK_MAIL_DIR="$MAIL" \
    LOTSBOK_INTEREST__MIN_SECONDS=0 LOTSBOK_INTEREST__PER_MINUTE=100000000 LOTSBOK_LOG=warn \
    "$BIN" serve > /tmp/lotsbok-bench.log 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
  GUIDE=$(login lots.lycksele@demo.lotsbok.se)
  COORD=$(login samordnare@demo.lotsbok.se)
  LEAD=$(curl -s -H "Cookie: lotsbok_session=$GUIDE" "$BASE/leads" | grep -o 'href="/leads/[0-9]*"' | head -1 | grep -o '[0-9]\+')
  # Searches a guide makes: a common word, a rare one (12 movers' phone numbers at 1M), one
  # that no one matches, a whole phone number and part of an e-mail address (a Lycksele
  # mover's, as stored).
  read -r PHONE EMAIL < <(sample "$DB")
  WORDS=(anna 77777 xyzzy "$PHONE" "$EMAIL")
  declare -A FLOOR=()
  while read -r name ms; do FLOOR[$name]=$ms; done < <(LOTSBOK_DATABASE_URL="$DB" LOTSBOK_LOG=error \
    "$BIN" bench-sql --lead "$LEAD" $(printf -- '--search %s ' "${WORDS[@]}"))

  echo
  echo "== $N leads ($KIND)"
  printf '%-30s %10s %9s %9s %9s %7s\n' page req/s p50_ms p99_ms floor_ms p50/floor
  row() { # name floor wrk-args…
    local name=$1 floor=$2; shift 2
    read -r rps p50 p99 non total < <(measure "$@")
    local ratio="-"; [ "$floor" != "-" ] && ratio=$(awk -v a="$p50" -v b="$floor" 'BEGIN {printf "%.2f", a/b}')
    printf '%-30s %10s %9s %9s %9s %7s\n' "$name" "$rps" "$p50" "$p99" "$floor" "$ratio"
    [ "${non:-0}" = "0" ] || echo "   ($non responses were not 2xx/3xx)"
  }
  row "lead list" "${FLOOR[list]}" -H "Cookie: lotsbok_session=$GUIDE" "$BASE/leads"
  for w in "${WORDS[@]}"; do
    row "search $w" "${FLOOR[search:$w]}" -H "Cookie: lotsbok_session=$GUIDE" "$BASE/leads?q=$(urlencode "$w")"
  done
  row "lead page" "${FLOOR[lead]}" -H "Cookie: lotsbok_session=$GUIDE" "$BASE/leads/$LEAD"
  # The report, one request at a time with curl (at 1M one takes longer than wrk's timeout).
  # The first publishes the year (nothing published yet: as after any change to the
  # figures); the rest read it from the server's cache while the figures stay the same.
  report() { curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: lotsbok_session=$COORD" "$BASE/reports?period=year&year=2026"; }
  first=$(report | awk '{printf "%.2f", $1*1000}')
  printf '%-30s %10s %9s %9s %9s %7s\n' "report (year), first" "-" "$first" "$first" "${FLOOR[report]}" \
    "$(awk -v a="$first" -v b="${FLOOR[report]}" 'BEGIN {printf "%.2f", a/b}')"
  START=$SECONDS
  # As many as fit in $DURATION, at least three; "p99" is the slowest of them.
  read -r rps p50 p99 < <(for i in $(seq 100); do
      curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: lotsbok_session=$COORD" "$BASE/reports?period=year&year=2026"
      [ "$i" -ge 3 ] && [ "$SECONDS" -ge "$((START + ${DURATION%s}))" ] && break
    done | sort -n | awk '{t[NR]=$1*1000; s+=$1} END {printf "%.2f %.2f %.2f\n", NR/s, t[int((NR+1)/2)], t[NR]}')
  ratio=$(awk -v a="$p50" -v b="${FLOOR[report]}" 'BEGIN {printf "%.2f", a/b}')
  printf '%-30s %10s %9s %9s %9s %7s\n' "report (year), again" "$rps" "$p50" "$p99" "${FLOOR[report]}" "$ratio"
  BEFORE=$(count "$DB")
  # A token for each submission (the form shown once first makes the signing key).
  curl -s -o /dev/null "$BASE/interest"
  TOKENS=$(mktemp)
  LOTSBOK_DATABASE_URL="$DB" LOTSBOK_LOG=error "$BIN" bench-tokens --count 60000 > "$TOKENS"
  read -r rps p50 p99 non total < <(FORM_TOKENS="$TOKENS" measure -s bench/interest.lua "$BASE/interest")
  rm -f "$TOKENS"
  AFTER=$(count "$DB")
  printf '%-30s %10s %9s %9s %9s %7s\n' "interest form (POST)" "$rps" "$p50" "$p99" "-" "-"
  echo "   submissions answered: $total, refused: ${non:-0}, stored: $((AFTER - BEFORE))"
  after=$(report | awk '{printf "%.2f", $1*1000}')
  printf '%-30s %10s %9s %9s %9s %7s\n' "report (year), after a change" "-" "$after" "$after" "${FLOOR[report]}" \
    "$(awk -v a="$after" -v b="${FLOOR[report]}" 'BEGIN {printf "%.2f", a/b}')"
  echo "   server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)"
  kill $PID; wait $PID 2>/dev/null || true
  trap - EXIT
done
