#!/usr/bin/env bash
# tide in two minutes: load last release's shop schema (examples/shop-v1.sql)
# into a scratch database, then plan, apply, check for drift and inspect the
# result against the desired state in examples/shop/*.hcl.
#
#   make demo                      # builds bin/tide, starts the servers, runs this
#   TIDE_DEMO_URL=postgres://me@db:5432/postgres examples/demo.sh
#
# TIDE_DEMO_URL names any database on the server the demo may use to create
# and drop its own scratch database (tide_demo_<pid>); it is always dropped
# on exit, also when a step fails.
set -euo pipefail

cd "$(dirname "$0")/.."

TIDE=${TIDE:-bin/tide}
BASE_URL=${TIDE_DEMO_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
DB="tide_demo_$$"

# The scratch database's URL is BASE_URL with its path replaced by the new
# database's name; the query string (sslmode=…) is kept.
without_query=${BASE_URL%%\?*}
query=""
if [[ $BASE_URL == *\?* ]]; then
  query="?${BASE_URL#*\?}"
fi
scheme=${without_query%%://*}
rest=${without_query#*://}
authority=${rest%%/*}
URL="${scheme}://${authority}/${DB}${query}"

heading() {
  printf '\n==> %s\n\n' "$*"
}

if ! command -v psql >/dev/null; then
  echo "demo: psql is not on PATH; install the PostgreSQL client (e.g. apt-get install postgresql-client)" >&2
  exit 1
fi
if [[ ! -x $TIDE ]]; then
  heading "Building $TIDE"
  go build -o "$TIDE" ./cmd/tide
fi

cleanup() {
  psql "$BASE_URL" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null ||
    echo "demo: could not drop database $DB; drop it by hand" >&2
}

heading "Creating scratch database $DB"
psql "$BASE_URL" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$DB\""
trap cleanup EXIT

heading "Loading the previous release: examples/shop-v1.sql"
psql "$URL" -X -q -v ON_ERROR_STOP=1 -f examples/shop-v1.sql

heading "tide plan --to examples/shop"
"$TIDE" plan --url "$URL" --to examples/shop

heading "tide apply --to examples/shop --auto-approve --allow-data-loss"
"$TIDE" apply --url "$URL" --to examples/shop --auto-approve --allow-data-loss

heading "tide drift --to examples/shop (expect: no drift, exit 0)"
if "$TIDE" drift --url "$URL" --to examples/shop; then
  echo "no drift: the database is what examples/shop says"
else
  code=$?
  echo "demo: drift exited $code after apply; the database does not match examples/shop" >&2
  exit 1
fi

heading "tide inspect --format hcl (first 40 lines)"
inspected=$("$TIDE" inspect --url "$URL" --format hcl)
head -n 40 <<<"$inspected"

heading "Done; dropping $DB"
