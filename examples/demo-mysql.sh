#!/usr/bin/env bash
# tide on MySQL/MariaDB in two minutes: load last release's shop schema
# (examples/shop-mysql-v1.sql) into a scratch database, then plan, apply,
# check for drift, show the apply history and inspect the result against the
# desired state in examples/shop-mysql/*.hcl.
#
#   make demo-mysql                 # builds bin/tide, starts the servers, runs this
#   TIDE_DEMO_MYSQL_URL=mysql://me:secret@db:3306/mysql examples/demo-mysql.sh
#
# TIDE_DEMO_MYSQL_URL names any database on the server the demo may use to
# create and drop its own scratch database (tide_demo_<pid>); it is always
# dropped on exit, also when a step fails, together with its rows in tide's
# apply history (the server-wide database `tide`).
set -euo pipefail

cd "$(dirname "$0")/.."

TIDE=${TIDE:-bin/tide}
BASE_URL=${TIDE_DEMO_MYSQL_URL:-mysql://root@127.0.0.1:3306/mysql}
DB="tide_demo_$$"

heading() {
  printf '\n==> %s\n\n' "$*"
}

# urldecode turns %XX escapes (a password with an @ or a /) back into bytes.
urldecode() {
  local s=${1//+/ }
  printf '%b' "${s//%/\\x}"
}

# The scratch database's URL is BASE_URL with its path replaced by the new
# database's name; the query string (tls=…) is kept. The mysql client gets
# the same user, password (through MYSQL_PWD, never on its command line),
# host and port.
without_query=${BASE_URL%%\?*}
query=""
if [[ $BASE_URL == *\?* ]]; then
  query="?${BASE_URL#*\?}"
fi
scheme=${without_query%%://*}
if [[ $scheme != mysql ]]; then
  echo "demo: TIDE_DEMO_MYSQL_URL must be a mysql:// URL (mysql://user:password@host:port/database), not $scheme://…" >&2
  exit 1
fi
rest=${without_query#*://}
authority=${rest%%/*}
URL="${scheme}://${authority}/${DB}${query}"

userinfo=""
hostport=$authority
if [[ $authority == *@* ]]; then
  userinfo=${authority%@*}
  hostport=${authority##*@}
fi
user=root
if [[ -n $userinfo ]]; then
  user=$(urldecode "${userinfo%%:*}")
  if [[ $userinfo == *:* ]]; then
    MYSQL_PWD=$(urldecode "${userinfo#*:}")
    export MYSQL_PWD
  fi
fi
host=${hostport%%:*}
port=3306
if [[ $hostport == *:* ]]; then
  port=${hostport##*:}
fi
host=${host:-127.0.0.1}

client=""
for c in mariadb mysql; do
  if command -v "$c" >/dev/null; then
    client=$c
    break
  fi
done
if [[ -z $client ]]; then
  echo "demo: neither mariadb nor mysql is on PATH; install the client (e.g. apt-get install mariadb-client)" >&2
  exit 1
fi
if [[ ! -x $TIDE ]]; then
  heading "Building $TIDE"
  go build -o "$TIDE" ./cmd/tide
fi

# sql runs the mysql client against the server; add -D <database> to
# select one.
sql() {
  "$client" --protocol=TCP -h "$host" -P "$port" -u "$user" "$@"
}

cleanup() {
  sql -e "DROP DATABASE IF EXISTS \`$DB\`" ||
    echo "demo: could not drop database $DB; drop it by hand" >&2
  # tide's history is one for the whole server; forget this database's applies.
  if [[ -n $(sql --batch --skip-column-names -e "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'tide' AND TABLE_NAME = 'applies'") ]]; then
    sql -e "DELETE FROM tide.applies WHERE db_name = '$DB'" ||
      echo "demo: could not delete $DB's rows from tide.applies; delete them by hand" >&2
  fi
}

heading "Creating scratch database $DB"
sql -e "CREATE DATABASE \`$DB\`"
trap cleanup EXIT

heading "Loading the previous release: examples/shop-mysql-v1.sql"
sql -D "$DB" <examples/shop-mysql-v1.sql

heading "tide plan --to examples/shop-mysql"
"$TIDE" plan --url "$URL" --to examples/shop-mysql

heading "tide apply --to examples/shop-mysql --auto-approve --allow-data-loss"
"$TIDE" apply --url "$URL" --to examples/shop-mysql --auto-approve --allow-data-loss

heading "tide drift --to examples/shop-mysql (expect: no drift, exit 0)"
if "$TIDE" drift --url "$URL" --to examples/shop-mysql; then
  echo "no drift: the database is what examples/shop-mysql says"
else
  code=$?
  echo "demo: drift exited $code after apply; the database does not match examples/shop-mysql" >&2
  exit 1
fi

heading "tide status"
"$TIDE" status --url "$URL"

heading "The rows survived: customers, with the backfilled email_domain"
sql -D "$DB" --table -e "SELECT id, email, full_name, email_domain FROM customers ORDER BY id"

heading "tide inspect --format hcl (first 40 lines)"
inspected=$("$TIDE" inspect --url "$URL" --format hcl)
head -n 40 <<<"$inspected"

heading "Done; dropping $DB"
